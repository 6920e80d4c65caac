//! The YAML checklist format: the criteria tree written out by hand, or by `ready export`.
//!
//! It carries everything the Markdown reader infers (sections, items, nesting, priorities,
//! weights, tags, phases, sign-offs, declared scores, policy) as explicit fields, so exporting a
//! Markdown checklist and checking the YAML gives the same score, verdict and counts. The same
//! structs serve reading and writing, which keeps the two directions from drifting apart.

use serde::{Deserialize, Serialize};
use serde_saphyr::{Location as YamlLocation, Spanned};

use crate::checklist::{MAX_ITEM_DEPTH, markers, nested_too_deep};
use crate::error::{Error, Location, Result};
use crate::model::{
    Checklist, DeclaredScore, DeclaredStatus, Extra, Item, ItemId, Phase, PolicyConfig, Priority,
    Section, SignOff, Span, Statement, Tag,
};

#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct YamlChecklist {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) title: Option<String>,
    /// The overall readiness the checklist claims, 0–100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) declared_score: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) policy: Option<PolicyConfig>,
    /// Items that sit outside any section.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) items: Vec<YamlItem>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) sections: Vec<YamlSection>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) signoffs: Vec<YamlSignOff>,
    /// Verdict-like claims (`Recommendation: GO`), kept so reports can compare them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) statements: Vec<YamlStatement>,
}

#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct YamlSection {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) number: Option<String>,
    #[schemars(with = "String")]
    pub(crate) title: Spanned<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) phase: Option<Phase>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) priority: Option<Priority>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub(crate) signoff: bool,
    /// Relative weight; the sections that have one are the scored categories.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) weight: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) declared_score: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) status: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) items: Vec<YamlItem>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) sections: Vec<YamlSection>,
}

#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct YamlItem {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) id: Option<String>,
    #[schemars(with = "String")]
    pub(crate) title: Spanned<String>,
    /// The full text, when it says more than the title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) text: Option<String>,
    #[serde(default, alias = "checked")]
    pub(crate) done: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) priority: Option<Priority>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) tags: Vec<Tag>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) phase: Option<Phase>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) notes: Vec<String>,
    /// Ids of items this one repeats (a "Must Have" entry restating an item elsewhere).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) restates: Vec<String>,
    /// Ids of probes (from the probe files) that verify this item.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) probes: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) items: Vec<YamlItem>,
}

#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct YamlSignOff {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) group: Option<String>,
    #[schemars(with = "String")]
    pub(crate) role: Spanned<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) date: Option<String>,
    /// Defaults to whether a name is given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) signed: Option<bool>,
    /// Whether the role was written as a task box (counted among task boxes).
    #[serde(default, skip_serializing_if = "is_false")]
    pub(crate) checkbox: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct YamlStatement {
    pub(crate) label: String,
    #[schemars(with = "String")]
    pub(crate) text: Spanned<String>,
}

#[expect(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde's skip_serializing_if passes a reference"
)]
fn is_false(b: &bool) -> bool {
    !*b
}

pub(crate) fn parse(path: &str, text: &str) -> Result<Checklist> {
    if text.trim().is_empty() {
        return Ok(Checklist {
            path: path.to_owned(),
            ..Checklist::default()
        });
    }
    let doc: YamlChecklist = crate::files::yaml_from_str(path, text, 1, text)?;
    let reader = Reader {
        path,
        file: crate::model::FileName::new(path),
        text,
    };
    let mut checklist = Checklist {
        path: path.to_owned(),
        title: doc.title,
        policy: doc.policy.map(|p| p.validate(path)).transpose()?,
        declared_score: doc.declared_score.map(|value| DeclaredScore {
            value,
            span: Span::new(path, 1),
        }),
        ..Checklist::default()
    };
    let mut flattened = false;
    checklist.loose_items = reader
        .items(doc.items, None, Phase::PreLaunch, 0, &mut flattened)?
        .into();
    checklist.root = doc
        .sections
        .into_iter()
        .map(|s| reader.section(s, 1, Phase::PreLaunch, false, &mut flattened))
        .collect::<Result<_>>()?;
    checklist.signoffs = doc
        .signoffs
        .into_iter()
        .map(|s| SignOff {
            signed: s.signed.unwrap_or(s.name.is_some()),
            group: s.group,
            span: reader.span(&s.role.referenced),
            role: s.role.value,
            name: s.name,
            date: s.date,
            checkbox: s.checkbox,
        })
        .collect();
    checklist.statements = doc
        .statements
        .into_iter()
        .map(|s| Statement {
            label: s.label,
            span: reader.span(&s.text.referenced),
            claims_go: markers::claims_go(&s.text.value),
            text: s.text.value,
        })
        .collect();
    if flattened {
        checklist.notices.push(nested_too_deep(Span::new(path, 1)));
    }
    Ok(checklist)
}

struct Reader<'a> {
    path: &'a str,
    /// The file's name, shared by every span the reader makes.
    file: crate::model::FileName,
    text: &'a str,
}

impl Reader<'_> {
    fn span(&self, location: &YamlLocation) -> Span {
        Span::at(
            &self.file,
            u32::try_from(location.line()).unwrap_or(1).max(1),
        )
    }

    fn require_title(&self, title: &Spanned<String>, what: &str) -> Result<()> {
        if title.value.trim().is_empty() {
            let line = u32::try_from(title.referenced.line()).unwrap_or(1);
            return Err(Error::invalid(
                Location::new(self.path, line).with_source(self.text),
                format!("{what} has an empty title; expected a short description of the criterion"),
            ));
        }
        Ok(())
    }

    fn section(
        &self,
        s: YamlSection,
        level: u8,
        parent_phase: Phase,
        parent_signoff: bool,
        flattened: &mut bool,
    ) -> Result<Section> {
        self.require_title(&s.title, "section")?;
        let span = self.span(&s.title.referenced);
        let phase = s
            .phase
            .or_else(|| markers::phase(&s.title.value))
            .unwrap_or(parent_phase);
        let signoff = s.signoff || parent_signoff;
        let items = self.items(s.items, s.priority, phase, 0, flattened)?;
        let sections = s
            .sections
            .into_iter()
            .map(|child| self.section(child, level.saturating_add(1), phase, signoff, flattened))
            .collect::<Result<thin_vec::ThinVec<_>>>()?;
        Ok(Section {
            id: s.id.unwrap_or_default().into(),
            number: s.number.map(String::into_boxed_str),
            title: s.title.value.into_boxed_str(),
            level,
            phase,
            priority: s.priority,
            signoff,
            weight: s.weight,
            declared_score: s.declared_score,
            declared_status: s.status.map(|text| {
                Box::new(DeclaredStatus {
                    mark: markers::marks(&text).first().copied(),
                    text,
                    span: span.clone(),
                })
            }),
            span,
            items: items.into(),
            sections,
        })
    }

    fn items(
        &self,
        items: Vec<YamlItem>,
        inherited: Option<Priority>,
        phase: Phase,
        depth: usize,
        flattened: &mut bool,
    ) -> Result<Vec<Item>> {
        let mut out = Vec::with_capacity(items.len());
        for i in items {
            self.require_title(&i.title, "item")?;
            let priority = i.priority.or(inherited);
            let item_phase = if i.tags.contains(&Tag::PostLaunch) {
                Phase::PostLaunch
            } else {
                i.phase.unwrap_or(phase)
            };
            let children = self.items(i.items, priority, item_phase, depth + 1, flattened)?;
            let mut tags = i.tags;
            tags.sort();
            tags.dedup();
            let title = markers::strip_marks(&i.title.value);
            let extra = Extra {
                // Without its own text an item's text is its title, which `Item::text` reads.
                text: i.text.and_then(|text| Item::text_beside(&title, text)),
                marks: markers::marks(&i.title.value).into(),
                notes: i.notes.into(),
                restates: i.restates.into(),
                probe_refs: i.probes.into(),
            };
            let mut item = Item::new(title.into(), i.done, self.span(&i.title.referenced), extra);
            item.id = ItemId::from(i.id.unwrap_or_default());
            item.tags = tags.into();
            item.priority = priority;
            item.phase = item_phase;
            if depth >= MAX_ITEM_DEPTH {
                *flattened = true;
                out.push(item);
                out.extend(children);
            } else {
                item.children = children.into();
                out.push(item);
            }
        }
        Ok(out)
    }
}

/// Renders an exported tree as YAML text.
pub(crate) fn to_yaml(tree: &YamlChecklist) -> std::result::Result<String, String> {
    serde_saphyr::to_string(tree).map_err(|e| e.to_string())
}

/// Writes a checklist in this format.
pub(crate) fn export(checklist: &Checklist) -> YamlChecklist {
    YamlChecklist {
        title: checklist.title.clone(),
        declared_score: checklist.declared_score.as_ref().map(|d| d.value),
        policy: checklist.policy.clone(),
        items: checklist.loose_items.iter().map(export_item).collect(),
        sections: checklist.root.iter().map(export_section).collect(),
        signoffs: checklist
            .signoffs
            .iter()
            .map(|s| YamlSignOff {
                group: s.group.clone(),
                role: spanned(s.role.clone()),
                name: s.name.clone(),
                date: s.date.clone(),
                signed: Some(s.signed),
                checkbox: s.checkbox,
            })
            .collect(),
        statements: checklist
            .statements
            .iter()
            .map(|s| YamlStatement {
                label: s.label.clone(),
                text: spanned(s.text.clone()),
            })
            .collect(),
    }
}

fn spanned(value: String) -> Spanned<String> {
    Spanned::new(value, YamlLocation::UNKNOWN, YamlLocation::UNKNOWN)
}

fn export_section(s: &Section) -> YamlSection {
    YamlSection {
        id: Some(s.id.to_string()),
        number: s.number.as_deref().map(str::to_owned),
        title: spanned(s.title.to_string()),
        phase: Some(s.phase),
        priority: s.priority,
        signoff: s.signoff,
        weight: s.weight,
        declared_score: s.declared_score,
        status: s.declared_status.as_ref().map(|d| d.text.clone()),
        items: s.items.iter().map(export_item).collect(),
        sections: s.sections.iter().map(export_section).collect(),
    }
}

fn export_item(i: &Item) -> YamlItem {
    // Marks are written back into the title so they are read again on import.
    let mut marks = String::new();
    for mark in i.marks() {
        marks.push(' ');
        marks.push_str(mark.glyph());
    }
    YamlItem {
        id: Some(i.id.to_string()),
        title: spanned(format!("{}{marks}", i.title)),
        text: i.own_text().map(str::to_owned),
        done: i.checked,
        priority: i.priority,
        tags: i.tags.to_vec(),
        phase: Some(i.phase),
        notes: i.notes().to_vec(),
        restates: i.restates().to_vec(),
        probes: i.probe_refs().to_vec(),
        items: i.children.iter().map(export_item).collect(),
    }
}
