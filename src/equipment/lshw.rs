//! Reading the hardware report a refurbishment bench prints with
//! `lshw -json`: brand, model, serial, processor, memory, storage (kind,
//! size, serials) and battery. Bounded whatever the file: at most
//! [`MAX_REPORT`] bytes are read, nesting is capped by the JSON parser's
//! own recursion limit, and the tree is walked with an explicit stack.
//! Anything unexpected (a member of the wrong type) is skipped, not fatal:
//! lshw's output differs between versions and machines.

use serde_json::Value;

use super::model::{MAX_SHORT, Specs};
use crate::validation::FieldError;

/// The largest report read: a real one is 10 to 300 KB.
pub const MAX_REPORT: usize = 4 * 1024 * 1024;
/// Nodes visited at most (a real report has a few hundred).
const MAX_NODES: usize = 20_000;

/// What a report tells about a device.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Report {
    pub brand: String,
    pub model: String,
    pub serial: String,
    pub specs: Specs,
}

/// Reads a report; a refusal names the `report` field and says why.
pub fn read(bytes: &[u8]) -> Result<Report, FieldError> {
    if bytes.len() > MAX_REPORT {
        return Err(FieldError::new("report", "equipment-report-too-big")
            .with_arg("max", MAX_REPORT / (1024 * 1024)));
    }
    let value: Value = serde_json::from_slice(bytes).map_err(|err| {
        FieldError::new("report", "equipment-report-unreadable")
            .with_arg("line", err.line())
            .with_arg("column", err.column())
    })?;
    // Newer lshw versions print a list holding the machine.
    let root = match &value {
        Value::Array(items) => items.first().unwrap_or(&Value::Null),
        other => other,
    };
    if root.get("class").and_then(Value::as_str) != Some("system") {
        return Err(FieldError::new("report", "equipment-report-not-lshw"));
    }
    let mut report = Report {
        brand: short(root, "vendor"),
        model: short(root, "product"),
        serial: short(root, "serial"),
        specs: Specs::default(),
    };
    let mut memory_bytes: u64 = 0;
    let mut storage_bytes: u64 = 0;
    let mut stack: Vec<(&Value, Option<&Value>)> = vec![(root, None)];
    let mut visited = 0;
    while let Some((node, parent)) = stack.pop() {
        visited += 1;
        if visited > MAX_NODES {
            break;
        }
        let class = node.get("class").and_then(Value::as_str).unwrap_or("");
        let id = node.get("id").and_then(Value::as_str).unwrap_or("");
        match class {
            "processor" if report.specs.processor.is_empty() => {
                report.specs.processor = short(node, "product");
            }
            // The total memory: the `memory` node, not its banks or caches.
            "memory" if id == "memory" || id.starts_with("memory:") => {
                memory_bytes = memory_bytes.saturating_add(size_bytes(node));
            }
            "disk" if !is_removable(node) => {
                let size = size_bytes(node);
                if size > 0 {
                    storage_bytes = storage_bytes.saturating_add(size);
                    if report.specs.storage_kind.is_empty() {
                        report.specs.storage_kind = storage_kind(node, parent).to_owned();
                    }
                    // An NVMe namespace carries no serial: its controller does.
                    let serial = Some(short(node, "serial"))
                        .filter(|s| !s.is_empty())
                        .or_else(|| parent.map(|p| short(p, "serial")).filter(|s| !s.is_empty()));
                    if let Some(serial) = serial
                        && !report.specs.storage_serials.contains(&serial)
                        && report.specs.storage_serials.len() < 16
                    {
                        report.specs.storage_serials.push(serial);
                    }
                }
            }
            "power" => {
                if let Some(pct) = battery_health(node) {
                    report.specs.battery_pct = Some(pct);
                }
            }
            _ => {}
        }
        if let Some(children) = node.get("children").and_then(Value::as_array) {
            for child in children.iter().rev() {
                if child.is_object() {
                    stack.push((child, Some(node)));
                }
            }
        }
    }
    const GB: u64 = 1_000_000_000;
    const GIB: u64 = 1 << 30;
    if memory_bytes > 0 {
        report.specs.memory_gb = u32::try_from(memory_bytes.div_ceil(GIB)).ok();
    }
    if storage_bytes > 0 {
        report.specs.storage_gb = u32::try_from(storage_bytes / GB).ok();
    }
    Ok(report)
}

fn short(node: &Value, member: &str) -> String {
    node.get(member)
        .and_then(Value::as_str)
        .map(|s| crate::text::cut(s.trim(), MAX_SHORT))
        .unwrap_or_default()
}

/// A size in bytes, when the node gives one in bytes.
fn size_bytes(node: &Value) -> u64 {
    let units = node.get("units").and_then(Value::as_str).unwrap_or("bytes");
    match (units, node.get("size").and_then(Value::as_u64)) {
        ("bytes", Some(size)) => size,
        _ => 0,
    }
}

fn logical_names(node: &Value) -> Vec<&str> {
    match node.get("logicalname") {
        Some(Value::String(name)) => vec![name.as_str()],
        Some(Value::Array(names)) => names.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

/// USB keys and card readers are not the device's storage.
fn is_removable(node: &Value) -> bool {
    let description = short(node, "description").to_lowercase();
    description.contains("removable") || description.contains("usb")
}

fn storage_kind(node: &Value, parent: Option<&Value>) -> &'static str {
    let names = logical_names(node);
    let text =
        |n: &Value| format!("{} {}", short(n, "description"), short(n, "product")).to_lowercase();
    let here = text(node);
    let above = parent.map(text).unwrap_or_default();
    let capability = |name: &str| node.get("capabilities").and_then(|c| c.get(name)).is_some();
    if names.iter().any(|n| n.starts_with("/dev/nvme")) || above.contains("nvme") {
        "nvme"
    } else if names.iter().any(|n| n.starts_with("/dev/mmcblk")) {
        "emmc"
    } else if here.contains("ssd") || capability("ssd") || capability("nonrotational") {
        "ssd"
    } else if capability("rotational") || here.contains("hdd") {
        "hdd"
    } else {
        ""
    }
}

/// A battery's health: its last full capacity against its design
/// capacity, when lshw gives both (it does on most laptops).
fn battery_health(node: &Value) -> Option<u32> {
    let design = node.get("capacity").and_then(Value::as_u64)?;
    let full = node
        .get("configuration")
        .and_then(|c| c.get("last_full_capacity").or_else(|| c.get("full")))
        .and_then(|v| {
            v.as_u64()
                .or_else(|| v.as_str()?.trim_end_matches("mWh").trim().parse().ok())
        })?;
    (design > 0).then(|| u32::try_from((full * 100 / design).min(100)).unwrap_or(100))
}
