//! Answers told apart by status in the change report: the operation's error enum appears,
//! disappears or changes, and an error or success enum's variants come, go or change type.

use super::{Role, Site, Walk};
use crate::diff::Kind;
use crate::diff::rules;
use crate::plan::{ArmBody, Operation, StatusArm, Ty};

impl Walk<'_> {
    /// The error enums of one operation (in its module): compared like a received body when
    /// both have one.
    pub(super) fn errors(
        &mut self,
        id: Option<&str>,
        (old_module, old): (&str, &Operation),
        (new_module, new): (&str, &Operation),
    ) {
        let location = |name: &str| format!("error enum `{name}`");
        match (&old.errors, &new.errors) {
            (None, None) => {}
            (None, Some(name)) => self.push(
                id,
                location(name),
                Kind::TypeAdded,
                &rules::ERROR_ENUM_ADDED,
                "added: documented error bodies are typed".to_owned(),
            ),
            (Some(name), None) => self.push(
                id,
                location(name),
                Kind::TypeRemoved,
                &rules::ERROR_ENUM_REMOVED,
                "removed".to_owned(),
            ),
            (Some(a), Some(b)) => {
                let site = Site::new(id, location(b), location(b), Role::Received);
                let named = |name: &str, module: &str| Ty::Named {
                    name: name.to_owned(),
                    module: Some(module.to_owned()),
                };
                self.compare_ty(&site, &named(a, old_module), &named(b, new_module), None);
            }
        }
    }

    /// Two versions of an enum by status: variants by name, and each kept one's body.
    pub(super) fn status_arms(
        &mut self,
        site: &Site,
        name: &str,
        old: &[StatusArm],
        new: &[StatusArm],
    ) {
        for arm in new
            .iter()
            .filter(|n| !old.iter().any(|o| o.variant == n.variant))
        {
            let detail = format!(
                "variant `{name}::{}` added ({})",
                arm.variant,
                body_text(&arm.body)
            );
            self.at(site, Kind::FieldAdded, &rules::ANSWER_VARIANT_ADDED, detail);
        }
        for arm in old
            .iter()
            .filter(|o| !new.iter().any(|n| n.variant == o.variant))
        {
            let detail = format!(
                "variant `{name}::{}` removed (was {})",
                arm.variant,
                body_text(&arm.body)
            );
            self.at(
                site,
                Kind::FieldRemoved,
                &rules::ANSWER_VARIANT_REMOVED,
                detail,
            );
        }
        for a in old {
            let Some(b) = new.iter().find(|n| n.variant == a.variant) else {
                continue;
            };
            // Fields of the variant's body are located under it.
            let under = format!("{} variant `{}`", site.root, a.variant);
            let arm_site = Site {
                root: under.clone(),
                section: under,
                path: String::new(),
                ..site.clone()
            };
            match (&a.body, &b.body) {
                (ArmBody::Json(x), ArmBody::Json(y)) => self.compare_ty(&arm_site, x, y, None),
                (x, y) if x == y => {}
                (x, y) => {
                    let detail = format!("retyped {} -> {}", body_text(x), body_text(y));
                    self.at(&arm_site, Kind::Retyped, &rules::RETYPED, detail);
                }
            }
        }
    }
}

fn body_text(body: &ArmBody) -> String {
    match body {
        ArmBody::Json(ty) => format!("`{}`", ty.text()),
        ArmBody::Text => "`String`".to_owned(),
        ArmBody::Bytes => "`Vec<u8>`".to_owned(),
        ArmBody::Empty => "no body".to_owned(),
    }
}
