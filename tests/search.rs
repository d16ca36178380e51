//! The list's search index agrees with the plain definition of a match, for any query.
#![cfg(not(target_arch = "wasm32"))]

use kehu::analysis::customer_index::{CustomerIndex, Filter, SortKey};
use kehu::workbook::sample::{generate_customers, SampleCompany};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn index_search_equals_brute_force(query in "[0-9南昌王伟刚需公司a-z\\-]{1,4}", seed in 0u64..20) {
        let customers = generate_customers(SampleCompany::RealEstate, seed, 400);
        let index = CustomerIndex::build(&customers, SortKey::Name, true);
        let positions = index.search(&Filter::new(&query, None, String::new(), String::new()), None);
        // Display order is kept: positions ascend, each once.
        prop_assert!(positions.windows(2).all(|w| w[0] < w[1]));
        let hits: Vec<&str> = positions.iter().map(|&i| &*index.entry(i).id).collect();
        let mut expected: Vec<&str> = customers.iter().filter(|c| c.matches(&query)).map(|c| c.id.as_str()).collect();
        let mut got = hits;
        got.sort_unstable();
        expected.sort_unstable();
        prop_assert_eq!(got, expected);
    }
}
