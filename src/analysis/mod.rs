//! Pure computations over the model, tested natively against worked examples: the
//! customer search index, KPI rates, satisfaction (CSI, NPS, quadrants), the callback
//! rates, the position goals' figures, customer value (ABC, RFM, CLV) and duplicate detection.

pub mod abc;
pub mod callbacks;
pub mod calls;
pub mod care;
pub mod clv;
pub mod complaints;
pub mod copies;
pub mod customer_index;
pub mod dashboard;
pub mod duplicates;
pub mod erlang;
pub mod exercises;
pub mod goals;
pub mod key_accounts;
pub mod loyalty;
pub mod order_columns;
pub mod org;
pub mod pipeline;
pub mod rate;
pub mod rfm;
pub mod satisfaction;
pub mod selection;
pub mod survey;
pub mod value;
