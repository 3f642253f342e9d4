//! Declarative conditions (`show_if`, signal and suggestion rules): tests on one answer or
//! computed value, combined with all / any / not. No expression language to parse.

use super::facts::Facts;
use super::value::Value;
use serde::{Deserialize, Serialize};

/// A constant a condition compares with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Literal {
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Condition {
    All(Vec<Condition>),
    Any(Vec<Condition>),
    Not(Box<Condition>),
    /// The answer equals the literal (yes/no, option id, number, text).
    Equals {
        q: String,
        value: Literal,
    },
    /// The answer equals one of the literals.
    In {
        q: String,
        values: Vec<Literal>,
    },
    /// A multi answer contains the option.
    Contains {
        q: String,
        value: String,
    },
    /// The numeric view of the answer is below the number.
    LessThan {
        q: String,
        value: f64,
    },
    /// The numeric view of the answer is above the number.
    GreaterThan {
        q: String,
        value: f64,
    },
    /// The question has a non-empty answer.
    Answered {
        q: String,
    },
}

impl Condition {
    /// Evaluate against answers and computed values. A test on a missing answer is false
    /// (so `not equals` on a missing answer is true).
    pub fn eval(&self, facts: &Facts<'_>) -> bool {
        match self {
            Condition::All(cs) => cs.iter().all(|c| c.eval(facts)),
            Condition::Any(cs) => cs.iter().any(|c| c.eval(facts)),
            Condition::Not(c) => !c.eval(facts),
            Condition::Equals { q, value } => facts.get(q).is_some_and(|v| literal_eq(&v, value)),
            Condition::In { q, values } => facts
                .get(q)
                .is_some_and(|v| values.iter().any(|l| literal_eq(&v, l))),
            Condition::Contains { q, value } => match facts.get(q) {
                Some(Value::Multi(items)) => items.iter().any(|i| i == value),
                Some(Value::Choice(c)) => &c == value,
                _ => false,
            },
            Condition::LessThan { q, value } => facts
                .get(q)
                .and_then(|v| v.as_number())
                .is_some_and(|n| n < *value),
            Condition::GreaterThan { q, value } => facts
                .get(q)
                .and_then(|v| v.as_number())
                .is_some_and(|n| n > *value),
            Condition::Answered { q } => facts.get(q).is_some_and(|v| !v.is_empty()),
        }
    }

    /// Every question or computed id this condition refers to (for `forms check`).
    pub fn referenced_ids(&self) -> Vec<&str> {
        let mut out = Vec::new();
        self.collect_ids(&mut out);
        out
    }

    fn collect_ids<'a>(&'a self, out: &mut Vec<&'a str>) {
        match self {
            Condition::All(cs) | Condition::Any(cs) => cs.iter().for_each(|c| c.collect_ids(out)),
            Condition::Not(c) => c.collect_ids(out),
            Condition::Equals { q, .. }
            | Condition::In { q, .. }
            | Condition::Contains { q, .. }
            | Condition::LessThan { q, .. }
            | Condition::GreaterThan { q, .. }
            | Condition::Answered { q } => out.push(q),
        }
    }
}

fn literal_eq(v: &Value, l: &Literal) -> bool {
    match (v, l) {
        (Value::Bool(a), Literal::Bool(b)) => a == b,
        (Value::Choice(a) | Value::Text(a), Literal::Str(b)) => a == b,
        (Value::Choice(a), Literal::Int(b)) => a.trim().parse::<i64>().ok() == Some(*b),
        (Value::Multi(items), Literal::Str(b)) => items.len() == 1 && &items[0] == b,
        (v, Literal::Int(b)) => v.as_number() == Some(*b as f64),
        (v, Literal::Float(b)) => v.as_number() == Some(*b),
        _ => false,
    }
}
