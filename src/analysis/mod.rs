//! Pure computations over the model, tested natively against worked examples: the
//! customer search index, KPI rates, satisfaction (CSI, NPS, quadrants) and the
//! callback rate.

pub mod callbacks;
pub mod customer_index;
pub mod rate;
pub mod satisfaction;
pub mod survey;
