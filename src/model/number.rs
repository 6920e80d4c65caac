//! How a number a person wrote or will read is shown in messages: `90`, not `90.0`.

/// `90` for whole numbers, `87.5` otherwise.
pub(crate) fn format_count(value: f64) -> String {
    if (value - value.round()).abs() < 1e-9 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn whole_numbers_lose_the_decimal() {
        assert_eq!(super::format_count(90.0), "90");
        assert_eq!(super::format_count(87.5), "87.5");
        assert_eq!(super::format_count(0.04), "0.0");
    }
}
