//! Texts compared by their words: the one spelling of "the same words" that the checklist
//! readers (an overview box naming a section) and the lint rules, diffs and fingerprints (an
//! item written twice, an item moved) share, so two stages never disagree about it.

/// Lower-case words of a text, without punctuation: `"Backup/Recovery"` → `backup recovery`.
pub(crate) fn normalise(text: &str) -> String {
    if text.is_ascii() {
        // One pass over the bytes without a word list: most titles are ASCII, where a letter
        // or digit is an ASCII one and lower case is ASCII lower case.
        let mut out = Vec::with_capacity(text.len());
        let mut gap = false;
        for &byte in text.as_bytes() {
            if byte.is_ascii_alphanumeric() {
                if gap && !out.is_empty() {
                    out.push(b' ');
                }
                gap = false;
                out.push(byte.to_ascii_lowercase());
            } else {
                gap = true;
            }
        }
        // ASCII bytes in, ASCII bytes out.
        return String::from_utf8(out).unwrap_or_default();
    }
    lowercase_words(text).join(" ")
}

/// The same words as a list, for comparing titles word by word (an opening run of words, the
/// first word, a slug): markup, emoji and punctuation removed.
pub(crate) fn lowercase_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::normalise;

    /// An ASCII title gives the words the general path gives.
    #[test]
    fn ascii_titles_normalise_as_any_others_do() {
        for text in [
            "",
            "  ",
            "Load-test: 10k RPS (P95 < 200ms)",
            "A_B c.d",
            "x\u{b}Y",
            "ÉTÉ été",
            "a",
            "--a",
            "a--",
            "Ab cD",
            "a  b--c",
        ] {
            let general = text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect::<Vec<_>>()
                .join(" ");
            assert_eq!(normalise(text), general, "{text:?}");
        }
    }
}
