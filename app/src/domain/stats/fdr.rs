//! Benjamini–Hochberg q-values, for the guardrails tested together (METHOD.md section 6).

/// q-values in the order of `p_values`: q₍ᵢ₎ = min over j ≥ i of m·p₍ⱼ₎/j, at most 1.
pub fn benjamini_hochberg(p_values: &[f64]) -> Vec<f64> {
    let m = p_values.len();
    let mut order: Vec<usize> = (0..m).collect();
    order.sort_by(|&a, &b| p_values[a].total_cmp(&p_values[b]));
    let mut q = vec![0.0; m];
    let mut running = 1.0_f64;
    for (rank, &index) in order.iter().enumerate().rev() {
        let adjusted = p_values[index] * m as f64 / (rank + 1) as f64;
        running = running.min(adjusted);
        q[index] = running;
    }
    q
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_p_value_is_its_own_q_value() {
        assert_eq!(benjamini_hochberg(&[0.3]), vec![0.3]);
        assert!(benjamini_hochberg(&[]).is_empty());
    }

    #[test]
    fn hand_worked_three() {
        // Sorted 0.01, 0.02, 0.9: 3·0.01/1 = 0.03, 3·0.02/2 = 0.03, 3·0.9/3 = 0.9.
        let q = benjamini_hochberg(&[0.9, 0.01, 0.02]);
        assert!((q[0] - 0.9).abs() < 1e-15);
        assert!((q[1] - 0.03).abs() < 1e-15);
        assert!((q[2] - 0.03).abs() < 1e-15);
    }

    #[test]
    fn q_values_never_exceed_one_and_keep_the_order_of_p() {
        let p = [0.8, 0.95, 0.9];
        let q = benjamini_hochberg(&p);
        assert!(q.iter().all(|&value| value <= 1.0));
        assert!(q[0] <= q[2] && q[2] <= q[1]);
    }
}
