//! Pure computations over the model, tested natively: the customer search index
//! now; RFM, ABC, CSI/NPS, KPIs and Erlang C as their modules arrive.

pub mod customer_index;
