//! Markdown tables and the numbers in them.

/// A markdown table, its columns padded to their widest cell.
pub struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new(header: Vec<String>) -> Self {
        Table {
            header,
            rows: Vec::new(),
        }
    }

    pub fn row(&mut self, row: Vec<String>) {
        self.rows.push(row);
    }

    /// The table's text: a header, the separator line, the rows; the first column aligned
    /// left, the others (numbers) right.
    pub fn render(&self) -> String {
        let columns = self.header.len();
        let width = |c: usize| {
            let cells = std::iter::once(&self.header).chain(&self.rows);
            cells
                .filter_map(|row| row.get(c))
                .map(|cell| cell.chars().count())
                .max()
        };
        let widths: Vec<usize> = (0..columns).map(|c| width(c).unwrap_or(0).max(3)).collect();
        let line = |row: &[String]| {
            let cells = widths.iter().enumerate().map(|(c, &w)| {
                let cell = row.get(c).map_or("", String::as_str);
                if c == 0 {
                    format!("{cell:<w$}")
                } else {
                    format!("{cell:>w$}")
                }
            });
            format!("| {} |\n", cells.collect::<Vec<_>>().join(" | "))
        };
        let separator = widths.iter().enumerate().map(|(c, &w)| {
            let dashes = "-".repeat(w + 1);
            if c == 0 {
                format!("{dashes}-")
            } else {
                format!("{dashes}:")
            }
        });
        let mut text = line(&self.header);
        text += &format!("|{}|\n", separator.collect::<Vec<_>>().join("|"));
        for row in &self.rows {
            text += &line(row);
        }
        text
    }

    pub fn print(&self) {
        println!("{}", self.render());
    }
}

/// `1234567` -> `1,234,567`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// `ours / theirs` as `0.47x`; empty when either is unknown or theirs is zero.
pub fn ratio(ours: Option<f64>, theirs: Option<f64>) -> String {
    match (ours, theirs) {
        (Some(ours), Some(theirs)) if theirs > 0.0 => format!("{:.2}x", ours / theirs),
        _ => String::new(),
    }
}

/// Seconds with two decimals: `1.63 s`.
pub fn seconds(duration: std::time::Duration) -> String {
    format!("{:.2} s", duration.as_secs_f64())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_by_thousands() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(619_041), "619,041");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn ratios_need_both_sides() {
        assert_eq!(ratio(Some(0.3), Some(0.63)), "0.48x");
        assert_eq!(ratio(None, Some(1.0)), "");
        assert_eq!(ratio(Some(1.0), Some(0.0)), "");
    }

    #[test]
    fn a_table_is_padded_and_numbers_align_right() {
        let mut table = Table::new(vec!["document".into(), "ms".into()]);
        table.row(vec!["a.yaml".into(), "12".into()]);
        table.row(vec!["longer.json".into()]);
        assert_eq!(
            table.render(),
            "| document    |  ms |\n\
             |-------------|----:|\n\
             | a.yaml      |  12 |\n\
             | longer.json |     |\n"
        );
    }
}
