//! Text files as people's spreadsheets save them: UTF-8 (with or without a byte-order
//! mark) or, from Excel in China, GBK. The browser's own `TextDecoder` reads GBK, so the
//! bundle carries no encoding tables.

/// How to read a file's bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    /// UTF-8 when the bytes are valid UTF-8, GBK otherwise.
    Auto,
    /// UTF-8.
    Utf8,
    /// GBK (GB 18030, which contains it).
    Gbk,
}

impl TextEncoding {
    /// The value of the choice in a form.
    pub fn value(self) -> &'static str {
        match self {
            TextEncoding::Auto => "auto",
            TextEncoding::Utf8 => "utf-8",
            TextEncoding::Gbk => "gbk",
        }
    }

    /// The choice a form value names (`auto` for anything else).
    pub fn from_value(v: &str) -> Self {
        match v {
            "utf-8" => TextEncoding::Utf8,
            "gbk" => TextEncoding::Gbk,
            _ => TextEncoding::Auto,
        }
    }
}

/// `bytes` as UTF-8 bytes, read as `encoding`; `None` when they are not text in it.
pub fn to_utf8(bytes: &[u8], encoding: TextEncoding) -> Option<Vec<u8>> {
    let valid_utf8 = std::str::from_utf8(bytes).is_ok();
    match encoding {
        TextEncoding::Utf8 | TextEncoding::Auto if valid_utf8 => Some(bytes.to_vec()),
        TextEncoding::Utf8 => None,
        TextEncoding::Auto | TextEncoding::Gbk => decode_gbk(bytes).map(String::into_bytes),
    }
}

fn decode_gbk(bytes: &[u8]) -> Option<String> {
    let options = web_sys::TextDecoderOptions::new();
    options.set_fatal(true);
    let decoder = web_sys::TextDecoder::new_with_label_and_options("gbk", &options).ok()?;
    decoder.decode_with_u8_array(bytes).ok()
}
