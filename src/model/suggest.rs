//! "Did you mean …?" for names a user typed: probe ids, item ids, sign-off roles.

/// The candidate closest to `wanted`, if one is close enough to be a likely typo.
pub(crate) fn did_you_mean<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let wanted = wanted.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&c.to_lowercase(), &wanted), c))
        .filter(|(score, _)| *score > 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    #[test]
    fn suggests_close_names_only() {
        let names = ["load-test", "backups", "on-call"];
        assert_eq!(super::did_you_mean("lod-test", names), Some("load-test"));
        assert_eq!(super::did_you_mean("zzz", names), None);
    }
}
