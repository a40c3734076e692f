//! What a sale is worth and when money changes hands (payment terms), checked at their
//! paths.

#[allow(clippy::wildcard_imports)]
use super::*;

/// What a sale is worth, from at most one of the selling price, the lost margin, or (older
/// files) the lost margin plus goodwill as one figure.
pub(super) fn sale_value(
    c: &mut Check,
    at: &dyn fmt::Display,
    costs: &CostsFile,
    unit_cost: f64,
) -> SaleValue {
    let q = |field| At { part: at, field };
    let given = [
        costs.selling_price_per_unit.map(|_| "selling_price_per_unit"),
        costs.lost_margin_per_unit.map(|_| "lost_margin_per_unit"),
        costs.lost_sale_per_unit.map(|_| "lost_sale_per_unit"),
    ];
    let given: Vec<&str> = given.into_iter().flatten().collect();
    if given.len() > 1 {
        c.invalid(
            at,
            format!(
                "{} are {} given: give one of \"selling_price_per_unit\", \
                 \"lost_margin_per_unit\" (price − unit cost) or \"lost_sale_per_unit\" (lost \
                 margin plus goodwill)",
                given.join(" and "),
                if given.len() == 2 { "both" } else { "all" }
            ),
        );
    }
    if costs.lost_sale_per_unit.is_some() && costs.goodwill_per_unit.is_some() {
        c.invalid(
            q("goodwill_per_unit"),
            "\"lost_sale_per_unit\" already includes goodwill: give the goodwill with \
             \"selling_price_per_unit\" or \"lost_margin_per_unit\" instead"
                .into(),
        );
    }
    if let Some(price) = costs.selling_price_per_unit {
        SaleValue::Price(c.num(q("selling_price_per_unit"), price, ranges::PRICE))
    } else if let Some(margin) = costs.lost_margin_per_unit {
        SaleValue::Price(unit_cost + c.num(q("lost_margin_per_unit"), margin, ranges::PRICE))
    } else {
        SaleValue::MarginAndGoodwill(c.opt(
            q("lost_sale_per_unit"),
            costs.lost_sale_per_unit,
            0.0,
            ranges::LOST_SALE,
        ))
    }
}

/// Payment terms: `"days"` only, and always, after receipt.
pub(super) fn payment_terms(
    c: &mut Check,
    at: &dyn fmt::Display,
    terms: PaymentTermsFile,
) -> PaymentTerms {
    match (terms.paid, terms.days) {
        (PaidFile::AtOrder, None) => PaymentTerms::AtOrder,
        (PaidFile::OnReceipt, None) => PaymentTerms::OnReceipt,
        (PaidFile::AfterReceipt, Some(days)) => PaymentTerms::AfterReceipt {
            days: c.num(At { part: at, field: "days" }, days, ranges::PAYMENT_DAYS) as u32,
        },
        (PaidFile::AfterReceipt, None) => {
            c.invalid(
                At { part: at, field: "days" },
                "missing: \"after_receipt\" needs the days of credit, 0 to 365".into(),
            );
            PaymentTerms::OnReceipt
        }
        (paid, Some(days)) => {
            let name = if paid == PaidFile::AtOrder { "at_order" } else { "on_receipt" };
            c.invalid(
                At { part: at, field: "days" },
                format!("{days} days is only for \"after_receipt\"; \"{name}\" takes no days"),
            );
            PaymentTerms::OnReceipt
        }
    }
}
