//! Closed-form results that sit beside the simulation and check it: the normal distribution
//! and its loss function, EOQ, the newsvendor, safety stock and the (r, Q) service measures.
//!
//! All use `libm`, so a value is the same natively and in wasm. The functions take values in
//! their documented domains (the validated scenario guarantees them); outside those they
//! return NaN rather than panic.

use std::f64::consts::{PI, SQRT_2};

/// The standard normal density.
///
/// ```text
/// φ(x) = exp(−x²/2) / √(2π)
/// ```
pub fn normal_pdf(x: f64) -> f64 {
    libm::exp(-0.5 * x * x) / libm::sqrt(2.0 * PI)
}

/// The standard normal cumulative distribution function.
///
/// ```text
/// Φ(x) = ½ · erfc(−x / √2)
/// ```
pub fn normal_cdf(x: f64) -> f64 {
    0.5 * libm::erfc(-x / SQRT_2)
}

/// The gamma distribution's CDF with shape `a` (> 0) and scale 1 at `x`: the regularized
/// lower incomplete gamma function P(a, x).
///
/// ```text
/// x < a + 1:  P = e^(−x) x^a / Γ(a) · Σₙ xⁿ / (a (a+1) … (a+n))          (the series)
/// otherwise:  P = 1 − e^(−x) x^a / Γ(a) · 1/(x + 1 − a − 1·(1 − a)/(x + 3 − a − …))
///                                                          (Lentz's continued fraction)
/// ```
///
/// Numerical Recipes, 3rd ed., §6.2; accurate to about 1e-14 where it matters here.
pub fn gamma_cdf(a: f64, x: f64) -> f64 {
    if a.is_nan() || a <= 0.0 || x.is_nan() {
        return f64::NAN;
    }
    if x <= 0.0 {
        return 0.0;
    }
    let log_front = -x + a * libm::log(x) - libm::lgamma(a);
    if x < a + 1.0 {
        let (mut term, mut sum, mut n) = (1.0 / a, 1.0 / a, a);
        for _ in 0..1_000 {
            n += 1.0;
            term *= x / n;
            sum += term;
            if term.abs() < sum.abs() * 1e-16 {
                break;
            }
        }
        return (sum * libm::exp(log_front)).clamp(0.0, 1.0);
    }
    let tiny = 1e-300;
    let mut b = x + 1.0 - a;
    let mut c = 1.0 / tiny;
    let mut d = 1.0 / b;
    let mut h = d;
    for i in 1..1_000 {
        let an = -f64::from(i) * (f64::from(i) - a);
        b += 2.0;
        d = an * d + b;
        if d.abs() < tiny {
            d = tiny;
        }
        c = b + an / c;
        if c.abs() < tiny {
            c = tiny;
        }
        d = 1.0 / d;
        let step = d * c;
        h *= step;
        if (step - 1.0).abs() < 1e-16 {
            break;
        }
    }
    (1.0 - libm::exp(log_front) * h).clamp(0.0, 1.0)
}

/// The standard normal quantile Φ⁻¹(p) for 0 < p < 1 (±∞ at 0 and 1, NaN outside).
///
/// Starts from Abramowitz and Stegun 26.2.23 (error below 4.5e-4) and refines with Halley's
/// method on Φ(x) − p, which converges cubically: three steps reach double precision.
pub fn normal_quantile(p: f64) -> f64 {
    if !(0.0..=1.0).contains(&p) {
        return f64::NAN;
    }
    if p == 0.0 {
        return f64::NEG_INFINITY;
    }
    if p == 1.0 {
        return f64::INFINITY;
    }
    // A&S 26.2.23 gives the upper-tail quantile for q ≤ ½.
    let q = p.min(1.0 - p);
    let t = libm::sqrt(-2.0 * libm::log(q));
    let upper = t
        - (2.515_517 + 0.802_853 * t + 0.010_328 * t * t)
            / (1.0 + 1.432_788 * t + 0.189_269 * t * t + 0.001_308 * t * t * t);
    let mut x = if p < 0.5 { -upper } else { upper };
    for _ in 0..4 {
        // Work in the tail where the error is resolvable: compare upper-tail areas for p > ½.
        let error = if p < 0.5 { normal_cdf(x) - p } else { (1.0 - p) - normal_cdf(-x) };
        let u = error / normal_pdf(x);
        let step = u / (1.0 + 0.5 * x * u);
        x -= step;
        if step.abs() <= 1e-16 * x.abs().max(1.0) {
            break;
        }
    }
    x
}

/// The standard normal loss function: expected shortfall of Z beyond z.
///
/// ```text
/// L(z) = E[(Z − z)⁺] = φ(z) − z·(1 − Φ(z))
/// ```
/// Source: Nahmias, *Production and Operations Analysis*, §5.4.
pub fn normal_loss(z: f64) -> f64 {
    normal_pdf(z) - z * normal_cdf(-z)
}

/// The economic order quantity and its yearly ordering-plus-holding cost.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Eoq {
    pub quantity: f64,
    pub yearly_cost: f64,
}

/// EOQ for yearly demand `d`, fixed cost `k` per order and holding cost `h` per unit per year.
///
/// ```text
/// Q* = √(2kd / h),   cost(Q*) = √(2kdh)
/// ```
/// Source: Harris (1913); Nahmias §4.5.
pub fn eoq(yearly_demand: f64, order_cost: f64, holding_per_unit_year: f64) -> Eoq {
    let (d, k, h) = (yearly_demand, order_cost, holding_per_unit_year);
    Eoq { quantity: libm::sqrt(2.0 * k * d / h), yearly_cost: libm::sqrt(2.0 * k * d * h) }
}

/// A newsvendor's optimal stock level and its expected cost.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Newsvendor {
    pub level: f64,
    pub expected_cost: f64,
}

/// The newsvendor critical ratio p / (p + h): the optimal chance of not running short.
pub fn critical_ratio(holding: f64, shortage: f64) -> f64 {
    shortage / (shortage + holding)
}

/// The newsvendor with normal demand N(μ, σ), overage cost h and underage cost p per unit.
///
/// ```text
/// S* = μ + σ·z,   z = Φ⁻¹(p / (p + h)),   E[cost(S*)] = (h + p)·σ·φ(z)
/// ```
/// Source: Nahmias §5.3; Porteus, *Foundations of Stochastic Inventory Theory*, §1.
pub fn newsvendor_normal(holding: f64, shortage: f64, mean: f64, sd: f64) -> Newsvendor {
    let z = normal_quantile(critical_ratio(holding, shortage));
    Newsvendor { level: mean + sd * z, expected_cost: (holding + shortage) * sd * normal_pdf(z) }
}

/// The newsvendor with Poisson(λ) demand: the smallest S with P(D ≤ S) ≥ p / (p + h), and
///
/// ```text
/// E[cost(S)] = h·E[(S − D)⁺] + p·E[(D − S)⁺],   E[(D − S)⁺] = E[(S − D)⁺] − (S − λ)
/// ```
pub fn newsvendor_poisson(holding: f64, shortage: f64, mean: f64) -> Newsvendor {
    let ratio = critical_ratio(holding, shortage);
    if mean.is_nan() || mean < 0.0 || !ratio.is_finite() {
        return Newsvendor { level: f64::NAN, expected_cost: f64::NAN };
    }
    let mut pmf = libm::exp(-mean);
    let (mut cdf, mut level) = (pmf, 0u32);
    // E[(S − D)⁺] grows by P(D ≤ S) with each unit of S.
    let mut over = 0.0;
    while cdf < ratio && level < 1_000_000 {
        over += cdf;
        level += 1;
        pmf *= mean / f64::from(level);
        cdf += pmf;
    }
    let s = f64::from(level);
    let under = over - (s - mean);
    Newsvendor { level: s, expected_cost: holding * over + shortage * under }
}

/// Safety stock for a cycle service level with random demand and random lead time.
///
/// ```text
/// SS = z · √(L·σd² + d²·σL²),   z = Φ⁻¹(cycle service level)
/// ```
/// `d`, `σd` per period, `L`, `σL` in periods. Source: Silver, Pyke and Thomas, *Inventory
/// and Production Management in Supply Chains*, §6.10.
pub fn safety_stock(
    cycle_service_level: f64,
    mean_demand: f64,
    sd_demand: f64,
    mean_lead_time: f64,
    sd_lead_time: f64,
) -> f64 {
    let sd = libm::sqrt(
        mean_lead_time * sd_demand * sd_demand
            + mean_demand * mean_demand * sd_lead_time * sd_lead_time,
    );
    normal_quantile(cycle_service_level) * sd
}

/// Service of a continuous-review (r, Q) policy with normal lead-time demand.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ReorderPointService {
    /// Share of cycles without a stockout: Φ(z), z = (r − μ_L) / σ_L.
    pub cycle_service_level: f64,
    /// Expected units short per cycle: σ_L·L(z).
    pub expected_shortage_per_cycle: f64,
    /// 1 − expected shortage per cycle ÷ Q.
    pub fill_rate: f64,
}

/// (r, Q) service measures for lead-time demand N(μ_L, σ_L), reorder point r and order
/// quantity Q. Source: Nahmias §5.5 (Type 1 and Type 2 service).
pub fn reorder_point_service(
    lead_time_demand_mean: f64,
    lead_time_demand_sd: f64,
    reorder_point: f64,
    order_quantity: f64,
) -> ReorderPointService {
    let z = (reorder_point - lead_time_demand_mean) / lead_time_demand_sd;
    let shortage = lead_time_demand_sd * normal_loss(z);
    ReorderPointService {
        cycle_service_level: normal_cdf(z),
        expected_shortage_per_cycle: shortage,
        fill_rate: 1.0 - shortage / order_quantity,
    }
}

/// Long-run cost per day and share of stockout days of base-stock level S under random
/// supplier outages, for constant demand `d` a day, lead time 0 and daily review, with the
/// supplier an up/down Markov chain on days (up → down with p = 1/`mean_up_days`, down → up
/// with q = 1/`mean_down_days`): `h` per unit held and `b` per unit backordered, per day.
///
/// An order placed on the evening of day t is on the shelf the next morning if the supplier
/// is up then; otherwise it waits for the first up day. So on an up day every outstanding
/// order arrives, the day starts at S and ends at S − d; on the k-th down day in a row nothing
/// has arrived since the last up day and the day ends at S − d(k + 1). With K the number of
/// consecutive down days ending today, the evening's net stock is S − d(K + 1), and from the
/// chain's stationary law
///
/// ```text
/// P(K = 0) = q/(p + q),   P(K = k) = P(up)·p·(1 − q)^(k−1)   for k ≥ 1
/// cost per day = Σ_k P(K = k)·[h·(S − d(k+1))⁺ + b·(d(k+1) − S)⁺]
/// P(stockout day) = Σ_k P(K = k)·[S < d(k + 1)]   (the k-th down day starts with S − dk)
/// ```
///
/// The two-state supplier is the one of Parlar and Berkin, "Future supply uncertainty in EOQ
/// models", Naval Research Logistics 38 (1991), and of Parlar and Perry, "Inventory models of
/// future supply uncertainty with single and multiple suppliers", NRL 43 (1996); this daily,
/// zero-lead-time form of its cost is derived here. The series is summed over 100,000 days of
/// outage, past where its terms vanish.
pub fn base_stock_under_outages(
    level: f64,
    daily_demand: f64,
    mean_up_days: f64,
    mean_down_days: f64,
    holding_per_unit_day: f64,
    backorder_per_unit_day: f64,
) -> (f64, f64) {
    let (p, q) = (1.0 / mean_up_days, 1.0 / mean_down_days);
    let p_up = q / (p + q);
    let (mut cost, mut stockout, mut prob) = (0.0, 0.0, p_up);
    for k in 0..100_000u32 {
        if k == 1 {
            prob = p_up * p;
        } else if k > 1 {
            prob *= 1.0 - q;
        }
        let covered = daily_demand * (f64::from(k) + 1.0);
        let net = level - covered;
        cost += prob
            * if net >= 0.0 { holding_per_unit_day * net } else { -backorder_per_unit_day * net };
        if level < covered - 1e-9 {
            stockout += prob;
        }
    }
    (cost, stockout)
}

/// The special order ahead of a one-off price rise: with the price v rising by k per unit,
/// yearly demand D, holding rate r per year on the price paid and a fixed cost A per order,
/// the quantity bought at the old price just before the rise (stock down to zero then) that
/// saves the most against buying at the new price in EOQ lots afterwards:
///
/// ```text
/// Q* = k·D / (v·r) + (v + k)/v · EOQ(v + k),    EOQ(v + k) = √(2·A·D / ((v + k)·r))
/// ```
///
/// Silver, Pyke and Thomas, *Inventory and Production Management in Supply Chains*, 4th ed.
/// (2017), ch. 5, on a special opportunity to procure (after Naddor, 1966); derived here: the
/// special order of Q costs A + vQ + vrQ²/(2D) over its life; the same Q units bought later
/// cost Q·(v + k + √(2A(v+k)r/D)) at EOQ; the difference is greatest where its derivative
/// k + √(2A(v+k)r/D) − vrQ/D is zero.
pub fn special_order_quantity(
    price: f64,
    rise: f64,
    yearly_demand: f64,
    holding_rate_per_year: f64,
    order_cost: f64,
) -> f64 {
    let (v, k, d, r) = (price, rise, yearly_demand, holding_rate_per_year);
    let lots = if order_cost > 0.0 { eoq(d, order_cost, (v + k) * r).quantity } else { 0.0 };
    k * d / (v * r) + (v + k) / v * lots
}

/// The days of demand worth buying ahead of a rise of `rise` per unit when a unit held one
/// more day costs `holding_per_unit_day` (capital on its price plus storage): the special
/// order with no order cost (`special_order_quantity` with A = 0, over D) is k / h days, since
/// the unit used x days later saves k and costs h·x. Infinite when holding is free.
pub fn forward_buy_days(rise: f64, holding_per_unit_day: f64) -> f64 {
    if holding_per_unit_day > 0.0 {
        rise / holding_per_unit_day
    } else {
        f64::INFINITY
    }
}

#[cfg(test)]
// Expected values keep the digits they were published with, even past f64's precision.
#[allow(clippy::excessive_precision)]
mod tests {
    use super::*;

    #[test]
    fn the_gamma_cdf_matches_its_closed_forms() {
        // Integer shapes: P(n, x) = 1 − e^(−x) Σ_{k<n} x^k / k!; shape ½: P = erf(√x).
        for x in [0.1, 0.7, 1.0, 2.5, 6.0, 15.0, 40.0] {
            let mut sum = 0.0;
            let mut term = 1.0;
            for n in 1..=12 {
                sum += term;
                term *= x / f64::from(n);
                let exact = 1.0 - libm::exp(-x) * sum;
                let got = gamma_cdf(f64::from(n), x);
                assert!((got - exact).abs() < 1e-13, "P({n}, {x}) = {got}, not {exact}");
            }
            let half = libm::erf(libm::sqrt(x));
            assert!((gamma_cdf(0.5, x) - half).abs() < 1e-13, "P(1/2, {x})");
        }
        assert_eq!(gamma_cdf(3.0, 0.0), 0.0);
        assert!(gamma_cdf(0.0, 1.0).is_nan());
    }

    #[test]
    fn outage_cost_by_hand_for_a_supplier_that_is_up_or_down_for_one_day() {
        // Mean up 1 day and down 1 day: p = q = 1, the supplier alternates; P(K = 0) = 1/2,
        // P(K = 1) = 1/2. With d = 10, S = 15: up days end at 5 (held), down days at −5.
        let (cost, stockout) = base_stock_under_outages(15.0, 10.0, 1.0, 1.0, 2.0, 3.0);
        assert!((cost - (0.5 * 2.0 * 5.0 + 0.5 * 3.0 * 5.0)).abs() < 1e-12);
        assert!((stockout - 0.5).abs() < 1e-12);
    }

    fn close(actual: f64, expected: f64, tolerance: f64) {
        assert!(
            (actual - expected).abs() <= tolerance,
            "{actual} differs from {expected} by more than {tolerance}"
        );
    }

    #[test]
    fn normal_cdf_matches_tabled_values() {
        // Abramowitz and Stegun, table 26.1.
        close(normal_cdf(0.0), 0.5, 1e-15);
        close(normal_cdf(1.0), 0.841_344_746_068_543, 1e-12);
        close(normal_cdf(-1.96), 0.024_997_895_148_220, 1e-12);
    }

    #[test]
    fn normal_quantile_inverts_the_cdf_to_double_precision() {
        close(normal_quantile(0.9), 1.281_551_565_544_600_5, 1e-13);
        close(normal_quantile(0.975), 1.959_963_984_540_054, 1e-13);
        close(normal_quantile(0.5), 0.0, 1e-15);
        for p in [1e-12, 1e-6, 0.01, 0.2, 0.5, 0.7, 0.99, 1.0 - 1e-9] {
            let x = normal_quantile(p);
            let back = if p < 0.5 { normal_cdf(x) } else { 1.0 - normal_cdf(-x) };
            close(back / p, 1.0, 1e-12);
        }
        assert!(normal_quantile(1.5).is_nan());
        assert_eq!(normal_quantile(0.0), f64::NEG_INFINITY);
    }

    #[test]
    fn normal_loss_published_values() {
        close(normal_loss(0.3), 0.266_761_242_117_210, 1e-7);
        close(normal_loss(-1.4), 1.436_668_142_708_465, 1e-7);
    }

    #[test]
    fn eoq_published_case() {
        // K = 8, h = 0.225 per unit-year, demand 1,300 a year.
        let e = eoq(1_300.0, 8.0, 0.225);
        close(e.quantity, 304.046_780_026_436_8, 1e-7);
        close(e.yearly_cost, 68.410_525_505_948_272, 1e-7);
    }

    #[test]
    fn newsvendor_normal_published_case() {
        let n = newsvendor_normal(0.18, 0.7, 50.0, 8.0);
        close(n.level, 56.603_955_927_433_887, 1e-7);
        close(n.expected_cost, 1.997_605_193_176_645, 1e-7);
    }

    #[test]
    fn newsvendor_poisson_published_case() {
        let n = newsvendor_poisson(1.0, 4.0, 6.0);
        assert_eq!(n.level, 8.0);
        close(n.expected_cost, 3.570_106_945_770_946, 1e-7);
    }

    #[test]
    fn safety_stock_with_random_lead_time() {
        // d = 50, σd = 5, L = 6, σL = 2, 90 % cycle service level, exact z.
        close(safety_stock(0.9, 50.0, 5.0, 6.0, 2.0), 129.112_742_646_768_4, 1e-7);
    }

    #[test]
    fn reorder_point_published_case() {
        // Weekly demand N(250, 150), lead time 2 weeks, Q = 1000, r = 600.
        let s = reorder_point_service(500.0, 150.0 * 2f64.sqrt(), 600.0, 1_000.0);
        close(s.cycle_service_level, 0.681_324_055_883_0, 1e-7);
        close(s.expected_shortage_per_cycle, 43.861_258_812_65, 1e-7);
        close(s.fill_rate, 0.956_138_741_187_3, 1e-7);
    }
}
