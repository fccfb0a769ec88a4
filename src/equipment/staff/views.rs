//! What the staff equipment templates show (French until the staff
//! catalogue exists).

use askama::Template;

use crate::validation::FormErrors;
use crate::web::Chrome;
use crate::web::form::Choice;

/// A device in the stock list.
pub struct DeviceRow {
    pub code: String,
    pub title: String,
    pub kind: String,
    pub serial: String,
    pub state: String,
    pub grade: String,
    pub since: String,
}

#[derive(Template)]
#[template(path = "equipment/stock.html")]
pub struct StockPage {
    pub chrome: Chrome,
    pub errors: FormErrors,
    pub states: Vec<Choice>,
    pub kinds: Vec<Choice>,
    pub q: String,
    pub rows: Vec<DeviceRow>,
    pub total: u64,
    pub page: u64,
    pub pages: u64,
    /// The filter as a query string, for pages, exports and labels.
    pub kept: String,
    /// (state label, count) for the structure's whole stock.
    pub counts: Vec<(String, u64)>,
    pub overdue: u64,
    pub lots: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "equipment/lot_form.html")]
pub struct LotFormPage {
    pub chrome: Chrome,
    pub errors: FormErrors,
    /// Known donors (id, name), and the one chosen ("" for a new one).
    pub donors: Vec<Choice>,
    pub donor_name: String,
    pub donor_kinds: Vec<Choice>,
    pub siren: String,
    pub contact: String,
    pub received_on: String,
    pub description: String,
    pub count: String,
    pub kinds: Vec<Choice>,
    pub brand: String,
    pub model: String,
    pub year: String,
}

#[derive(Template)]
#[template(path = "equipment/lot.html")]
pub struct LotPage {
    pub chrome: Chrome,
    pub id: String,
    pub donor: String,
    pub received_on: String,
    pub description: String,
    pub rows: Vec<DeviceRow>,
}

/// One line of a device's history.
pub struct EventRow {
    pub at: String,
    pub step: String,
    pub by: String,
    pub details: String,
}

/// A repair in the log.
pub struct RepairRow {
    pub day: String,
    pub problem: String,
    pub parts: String,
    pub minutes: i32,
    pub cost: String,
    pub outcome: String,
}

/// A person who may receive the device.
pub struct PersonOption {
    pub id: String,
    pub label: String,
}

#[derive(Template)]
#[template(path = "equipment/device.html")]
pub struct DevicePage {
    pub chrome: Chrome,
    pub errors: FormErrors,
    pub code: String,
    pub title: String,
    pub kind: String,
    pub serial: String,
    pub year: String,
    pub specs: String,
    pub notes: String,
    pub state: String,
    pub grade: String,
    pub os: String,
    pub holder: String,
    pub due_on: String,
    pub lot_href: String,
    /// Codes of the states a step may lead to now.
    pub next: Vec<(String, String)>,
    /// The step whose form was refused, to show it open.
    pub refused_step: String,
    pub grades: Vec<Choice>,
    pub methods: Vec<Choice>,
    pub outcomes: Vec<Choice>,
    pub people: Vec<PersonOption>,
    pub today: String,
    pub due_default: String,
    pub typed: std::collections::BTreeMap<String, String>,
    pub history: Vec<EventRow>,
    pub repairs: Vec<RepairRow>,
    pub certificate_code: String,
    pub handover: bool,
    pub report_error: Option<String>,
    /// The device came back from a loan: making it ready wipes it again.
    pub returned: bool,
    /// The description form's values: the device's, or what was typed.
    pub desc: std::collections::BTreeMap<String, String>,
    pub kinds: Vec<Choice>,
}

impl DevicePage {
    /// What was typed in a refused step's field.
    pub fn typed(&self, field: &str) -> &str {
        self.typed.get(field).map_or("", String::as_str)
    }

    /// A description field's value.
    pub fn desc(&self, field: &str) -> &str {
        self.desc.get(field).map_or("", String::as_str)
    }

    /// Whether the step `code`'s form opens (it was refused).
    pub fn open(&self, code: &str) -> bool {
        self.refused_step == code
    }
}

/// One line of the impact table.
pub struct ImpactRow {
    pub label: String,
    pub value: String,
}

/// A factor, as the page lists it.
pub struct FactorRow {
    pub kind: String,
    pub weight_kg: String,
    pub co2e_kg: String,
    pub source: String,
    pub custom: bool,
}

#[derive(Template)]
#[template(path = "equipment/impact.html")]
pub struct ImpactPage {
    pub chrome: Chrome,
    pub errors: FormErrors,
    pub scope: String,
    pub rows: Vec<ImpactRow>,
    pub chart: String,
    pub kinds: Vec<(String, u64, u64)>,
    pub factors: Vec<FactorRow>,
    /// A structure's page: its factors can be changed.
    pub own: bool,
    pub kind_choices: Vec<Choice>,
    pub factor_weight: String,
    pub factor_co2e: String,
    pub factor_source: String,
}
