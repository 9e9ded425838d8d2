//! Mean, median and sample standard deviation, as METHOD.md defines them.

use super::figures::Summary;

/// The sum with Neumaier's compensation: close to the exactly rounded sum, so that figures do
/// not depend on the order the values came in.
pub fn sum(values: impl IntoIterator<Item = f64>) -> f64 {
    let (mut total, mut compensation) = (0.0_f64, 0.0_f64);
    for value in values {
        let next = total + value;
        compensation += if total.abs() >= value.abs() {
            (total - next) + value
        } else {
            (value - next) + total
        };
        total = next;
    }
    total + compensation
}

/// All values the same double: then the mean is that value and the spread exactly 0, whatever
/// rounding a sum would add.
fn all_equal(values: &[f64]) -> bool {
    values.windows(2).all(|pair| pair[0] == pair[1])
}

pub fn mean(values: &[f64]) -> Option<f64> {
    match values {
        [] => None,
        [first, ..] if all_equal(values) => Some(*first),
        _ => Some(sum(values.iter().copied()) / values.len() as f64),
    }
}

/// The middle value, or the mean of the two middle values for an even count.
pub fn median(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let middle = sorted.len() / 2;
    Some(if sorted.len() % 2 == 1 {
        sorted[middle]
    } else {
        (sorted[middle - 1] + sorted[middle]) / 2.0
    })
}

/// Sample variance (n − 1); null under two values.
pub fn variance(values: &[f64]) -> Option<f64> {
    if values.len() < 2 {
        return None;
    }
    if all_equal(values) {
        return Some(0.0);
    }
    let centre = mean(values)?;
    let squares = sum(values.iter().map(|value| (value - centre).powi(2)));
    Some(squares / (values.len() - 1) as f64)
}

pub fn sd(values: &[f64]) -> Option<f64> {
    variance(values).map(f64::sqrt)
}

pub fn summary(values: &[f64]) -> Summary {
    Summary {
        mean: mean(values),
        median: median(values),
        sd: sd(values),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_even_count_takes_the_mean_of_the_two_middle_values() {
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), Some(2.5));
        assert_eq!(median(&[5.0, 1.0, 3.0]), Some(3.0));
        assert_eq!(median(&[]), None);
    }

    #[test]
    fn equal_values_have_no_spread_at_all() {
        assert_eq!(sd(&[0.1, 0.1, 0.1]), Some(0.0));
        assert_eq!(mean(&[0.1, 0.1, 0.1]), Some(0.1));
    }

    #[test]
    fn the_compensated_sum_does_not_lose_small_values() {
        assert_eq!(sum([1e16, 1.0, -1e16]), 1.0);
    }

    #[test]
    fn the_standard_deviation_is_the_sample_one() {
        // Deviations from 5 are -3,-1,-1,-1,0,0,2,4: squares sum to 32, over n - 1 = 7.
        let values = [2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0];
        let expected = (32.0_f64 / 7.0).sqrt();
        assert!((sd(&values).unwrap() - expected).abs() < 1e-15);
        assert_eq!(sd(&[3.0]), None);
    }
}
