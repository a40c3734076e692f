//! Random draws that come out the same bits natively and in WebAssembly.
//!
//! std's `ln`, `exp` and `powf` call the platform's maths library natively and a Rust port
//! in WebAssembly, and the two can differ in the last bit; rand_distr computes some draws
//! with them (its beta, a gamma of shape below 1, the lognormal), so a shared link would show
//! other numbers in the page than the command-line tool prints. These samplers draw the same
//! random numbers in the same order, with `libm` wherever a transcendental function makes the
//! value.

use rand::Rng;
use rand_distr::{Distribution, Gamma, Open01};

/// A gamma distribution. For a shape of 1 or more, rand_distr's Marsaglia–Tsang sampler:
/// its value is a product of the normal draw (a logarithm only decides acceptance, where a
/// last-bit difference changes nothing but in a vanishingly rare tie). For a smaller shape
/// a, the boost Γ(a) = Γ(a + 1) · U^(1/a) (Marsaglia and Tsang 2000, §6), with libm's `pow`.
#[derive(Clone, Debug, PartialEq)]
pub struct PortableGamma {
    large: Gamma<f64>,
    /// 1 ÷ shape, when the shape is below 1 and the boost is used.
    inv_shape: Option<f64>,
}

impl PortableGamma {
    /// Gamma with this shape and scale (both above 0).
    ///
    /// # Errors
    /// When a parameter is not a number above 0.
    pub fn new(shape: f64, scale: f64) -> Result<PortableGamma, String> {
        if !(shape.is_finite() && shape > 0.0 && scale.is_finite() && scale > 0.0) {
            return Err(format!("a gamma of shape {shape} and scale {scale} is not defined"));
        }
        if shape >= 1.0 {
            let large = Gamma::new(shape, scale).map_err(|e| e.to_string())?;
            return Ok(PortableGamma { large, inv_shape: None });
        }
        let large = Gamma::new(shape + 1.0, scale).map_err(|e| e.to_string())?;
        Ok(PortableGamma { large, inv_shape: Some(1.0 / shape) })
    }

    /// One draw (the same random numbers, in the same order, as rand_distr's gamma).
    pub fn sample<R: Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        match self.inv_shape {
            None => self.large.sample(rng),
            Some(inv) => {
                let u: f64 = rng.sample(Open01);
                self.large.sample(rng) * libm::pow(u, inv)
            }
        }
    }
}

/// A beta distribution, drawn as X ÷ (X + Y) with X ~ Γ(a, 1) and Y ~ Γ(b, 1).
#[derive(Clone, Debug, PartialEq)]
pub struct PortableBeta {
    x: PortableGamma,
    y: PortableGamma,
}

impl PortableBeta {
    /// Beta(a, b), both above 0.
    ///
    /// # Errors
    /// When a parameter is not a number above 0.
    pub fn new(a: f64, b: f64) -> Result<PortableBeta, String> {
        Ok(PortableBeta { x: PortableGamma::new(a, 1.0)?, y: PortableGamma::new(b, 1.0)? })
    }

    /// One draw.
    pub fn sample<R: Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        let x = self.x.sample(rng);
        let y = self.y.sample(rng);
        x / (x + y)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rng::{stream, StreamKind};
    use crate::core::stats::MeanSe;

    #[test]
    fn gamma_and_beta_draws_have_their_moments() {
        let mut rng = stream(5, 0, 0, StreamKind::Demand);
        for (shape, scale) in [(0.3, 2.0), (0.9, 1.0), (1.0, 3.0), (6.25, 4.8)] {
            let g = PortableGamma::new(shape, scale).unwrap();
            let mut m = MeanSe::default();
            (0..200_000).for_each(|_| m.push(g.sample(&mut rng)));
            let mean = shape * scale;
            assert!((m.mean() - mean).abs() < 4.0 * m.se(), "Γ({shape}, {scale}): {m:?}");
        }
        let (a, b) = (41.4, 3.6);
        let beta = PortableBeta::new(a, b).unwrap();
        let mut m = MeanSe::default();
        (0..200_000).for_each(|_| m.push(beta.sample(&mut rng)));
        assert!((m.mean() - a / (a + b)).abs() < 4.0 * m.se(), "{m:?}");
        assert!(PortableGamma::new(0.0, 1.0).is_err());
    }
}
