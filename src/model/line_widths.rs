//! How wide each line of a checklist is, for the columns reports point at.

/// The width in characters of each line, two bytes a line: a long checklist has two million
/// lines, whose widths at four bytes were 7 MB of a 100 MB checklist's peak. The rare line of
/// 65,535 characters or more is kept apart with its width.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct LineWidths {
    narrow: Vec<u16>,
    /// The lines (by index) at least `u16::MAX` characters wide, in order, and their widths;
    /// each such line reads `u16::MAX` in `narrow`.
    wide: Vec<(usize, u32)>,
}

impl LineWidths {
    /// Room for `additional` more lines.
    pub(crate) fn reserve(&mut self, additional: usize) {
        self.narrow.reserve(additional);
    }

    /// The width of the next line.
    pub(crate) fn push(&mut self, width: u32) {
        match u16::try_from(width) {
            Ok(narrow) if narrow < u16::MAX => self.narrow.push(narrow),
            _ => {
                self.wide.push((self.narrow.len(), width));
                self.narrow.push(u16::MAX);
            }
        }
    }

    /// The width of the line at `index` (from 0), if there is one.
    pub(crate) fn get(&self, index: usize) -> Option<u32> {
        match *self.narrow.get(index)? {
            u16::MAX => self
                .wide
                .binary_search_by_key(&index, |&(line, _)| line)
                .ok()
                .map(|at| self.wide[at].1),
            narrow => Some(u32::from(narrow)),
        }
    }

    pub(crate) fn shrink_to_fit(&mut self) {
        self.narrow.shrink_to_fit();
        self.wide.shrink_to_fit();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_width_is_given_back_however_wide() {
        let widths = [0, 1, 80, 65_534, 65_535, 3, 65_536, u32::MAX, 12, 65_535];
        let mut kept = LineWidths::default();
        for &width in &widths {
            kept.push(width);
        }
        for (index, &width) in widths.iter().enumerate() {
            assert_eq!(kept.get(index), Some(width), "line {index}");
        }
        assert_eq!(kept.get(widths.len()), None);
        assert_eq!(kept.wide.len(), 4);
    }
}
