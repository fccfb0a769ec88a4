//! The equipment tables as SeaORM entities (columns in `store` queries).

pub(crate) mod donors {
    use sea_orm::entity::prelude::*;

    #[sea_orm::model]
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "donors")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: String,
        pub organization_id: String,
        pub name: String,
        pub kind: String,
        pub siren: Option<String>,
        pub contact: Option<String>,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    impl ActiveModelBehavior for ActiveModel {}
}

pub(crate) mod lots {
    use sea_orm::entity::prelude::*;

    #[sea_orm::model]
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "donation_lots")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: String,
        pub organization_id: String,
        pub donor_id: String,
        pub received_on: Date,
        pub description: String,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    impl ActiveModelBehavior for ActiveModel {}
}

pub(crate) mod devices {
    use sea_orm::entity::prelude::*;

    #[sea_orm::model]
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "devices")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: String,
        pub organization_id: String,
        pub code: String,
        pub lot_id: Option<String>,
        pub kind: String,
        pub brand: String,
        pub model: String,
        pub serial: String,
        pub year: Option<i32>,
        pub specs: String,
        pub grade: Option<String>,
        pub notes: String,
        pub state: String,
        pub state_at: DateTimeUtc,
        pub resume_state: Option<String>,
        pub certificate_code: Option<String>,
        pub holder_id: Option<String>,
        pub due_on: Option<Date>,
        pub os: Option<String>,
        pub free_os: Option<bool>,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    impl ActiveModelBehavior for ActiveModel {}
}

pub(crate) mod events {
    use sea_orm::entity::prelude::*;

    #[sea_orm::model]
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "device_events")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: String,
        pub organization_id: String,
        pub device_id: String,
        pub at: DateTimeUtc,
        pub from_state: Option<String>,
        pub to_state: String,
        pub by_user: Option<String>,
        pub details: String,
    }

    impl ActiveModelBehavior for ActiveModel {}
}

pub(crate) mod handovers {
    use sea_orm::entity::prelude::*;

    #[sea_orm::model]
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "device_handovers")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: String,
        pub organization_id: String,
        pub device_id: String,
        pub kind: String,
        pub beneficiary_id: Option<String>,
        pub signed_name: String,
        pub handed_on: Date,
        pub due_on: Option<Date>,
        pub returned_on: Option<Date>,
        pub reminded_at: Option<DateTimeUtc>,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    impl ActiveModelBehavior for ActiveModel {}
}

pub(crate) mod repairs {
    use sea_orm::entity::prelude::*;

    #[sea_orm::model]
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "device_repairs")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: String,
        pub organization_id: String,
        pub device_id: String,
        pub on_day: Date,
        pub problem: String,
        pub parts: String,
        pub minutes: i32,
        pub cost_cents: i64,
        pub outcome: String,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    impl ActiveModelBehavior for ActiveModel {}
}

pub(crate) mod factors {
    use sea_orm::entity::prelude::*;

    #[sea_orm::model]
    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "impact_factors")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: String,
        pub organization_id: String,
        pub kind: String,
        pub weight_kg: f64,
        pub co2e_kg: f64,
        pub source: String,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    impl ActiveModelBehavior for ActiveModel {}
}
