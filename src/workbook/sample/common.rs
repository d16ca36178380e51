//! What every part of the sample data shares: the company, the random numbers, the
//! names and the moment the data is "now".

use chrono::{DateTime, Utc};

/// Which sample company to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SampleCompany {
    /// ××房地产公司 in Jiangxi: home buyers, tenants and corporate clients.
    RealEstate,
    /// A Taobao shop: online shoppers all over China.
    TaobaoShop,
}

/// SplitMix64: tiny, fast, and the same on every platform.
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    pub(crate) fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
    pub(crate) fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    pub(crate) fn uuid(&mut self) -> String {
        let mut bytes = [0u8; 16];
        bytes[..8].copy_from_slice(&self.next().to_le_bytes());
        bytes[8..].copy_from_slice(&self.next().to_le_bytes());
        uuid::Builder::from_random_bytes(bytes).into_uuid().to_string()
    }
}

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗",
    "高", "熊", "万", "邹", "曾", "彭", "袁", "付", "涂", "喻", "钟",
];
const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "霞",
    "平", "刚", "桂英", "建华", "志强", "晓燕", "文静", "海波", "雪梅", "俊杰", "子涵", "浩然", "欣怡", "宇轩", "思雨",
    "嘉怡",
];
/// Jiangxi cities with their area codes.
/// The moment the sample data is "now": every generated date lies before it.
pub(crate) fn base_time() -> DateTime<Utc> {
    crate::model::record::sample_time()
}

pub(crate) fn person_name(rng: &mut Rng) -> String {
    format!("{}{}", rng.pick(SURNAMES), rng.pick(GIVEN))
}
