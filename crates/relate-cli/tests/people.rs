//! `relate people`, `relate person` and `relate outcomes` end to end: on a small museum
//! table written here (our own words, German and English, January to June 2026) whose every
//! number is worked out below, and on the seed thread (feature `real-corpus`, read in place).

mod common;

use common::Workspace;
use serde_json::Value;

/// A museum's Mastodon account (`museum`, the owner) and five people. Times are 10:00 UTC
/// (our answers 12:00); `#n` below is the row id.
const TABLE: &str = "\
id,parent,author,time,text,kind,platform
1,,museum,2026-01-05T10:00:00Z,Wir öffnen das Depot für Besucher. Was möchten Sie sehen?,,mastodon
2,1,anna,2026-01-06T10:00:00Z,\"Die alten Straßenbahnschilder, bitte!\",,mastodon
3,2,museum,2026-01-06T12:00:00Z,\"@anna Gute Idee, wir suchen sie heraus.\",,mastodon
4,1,ben,2026-01-10T10:00:00Z,Will there be a tour in English?,,mastodon
5,,museum,2026-02-02T10:00:00Z,Neue Führung im Februar.,,mastodon
6,5,anna,2026-02-03T10:00:00Z,Ich komme mit meiner Tochter.,,mastodon
7,6,museum,2026-02-03T12:00:00Z,@anna Wir freuen uns!,,mastodon
8,6,carla,2026-02-04T10:00:00Z,\"Ich auch, Anna!\",,mastodon
9,5,emil,2026-02-10T10:00:00Z,Gibt es die Führung auch für Schulklassen?,,mastodon
10,9,museum,2026-02-10T12:00:00Z,\"@emil Ja, dienstags.\",,mastodon
11,10,emil,2026-02-11T10:00:00Z,\"Danke, dann melde ich meine Klasse an.\",,mastodon
12,11,museum,2026-02-11T12:00:00Z,@emil Sehr gern!,,mastodon
13,,museum,2026-04-01T10:00:00Z,Das Depot zeigt jetzt auch Fotos.,,mastodon
14,13,anna,2026-04-02T10:00:00Z,Die Fotos von 1920 sind wunderbar.,,mastodon
15,13,emil,2026-04-20T10:00:00Z,,like,mastodon
16,,museum,2026-05-01T10:00:00Z,Im Mai: Werkstatt für Kinder.,,mastodon
17,16,dora,2026-05-02T10:00:00Z,Gilt das auch für Zwölfjährige?,,mastodon
18,17,museum,2026-05-02T12:00:00Z,\"@dora Ja, ab acht Jahren.\",,mastodon
19,16,anna,2026-05-03T10:00:00Z,Wir sind dabei.,,mastodon
20,,museum,2026-06-01T10:00:00Z,Summer opening hours start today.,,mastodon
21,20,ben,2026-06-02T10:00:00Z,Finally! I'll come back in July.,,mastodon
22,21,museum,2026-06-02T12:00:00Z,@ben See you then!,,mastodon
";

const OUTCOMES: &str = "\
date,person,kind,value
2026-04-15,anna,ticket,8
20.05.2026,Anna,ticket,\"8,00\"
2026-05-21,mastodon:emil,donation,25
2026-05-22,segment:Schulklassen,ticket,120
2026-05-23,Someone Unknown,membership,
2026-01-02,ben,membership,40
";

fn museum() -> Workspace {
    let ws = Workspace::new();
    let table = ws.dir.path().join("museum.csv");
    std::fs::write(&table, TABLE).unwrap();
    ws.ok(&["owner", "add", "mastodon:museum"]);
    ws.ok(&["import", table.to_str().unwrap()]);
    ws
}

fn person<'a>(ledger: &'a Value, name: &str) -> &'a Value {
    ledger["people"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == name)
        .unwrap_or_else(|| panic!("{name} is not in {ledger:#}"))
}

#[test]
fn states_in_the_default_period_the_last_ninety_days() {
    let ws = museum();
    let ledger = ws.json(&["people", "--json"]);
    // the latest item is on 2 June: the period runs from 5 March to the end of 2 June
    assert_eq!(ledger["period"]["from"], "2026-03-05T00:00:00Z");
    assert_eq!(ledger["period"]["to"], "2026-06-03T00:00:00Z");
    let state = |name: &str| person(&ledger, name)["state"].as_str().unwrap().to_string();
    // Anna: two exchanges in January and February (3.43 on 5 March), one comment each in
    // April and May: 4.20 on 3 June, more than 1.1 times as strong
    assert_eq!(state("anna"), "growing");
    // Ben: silent from 10 January to 2 June, 143 days
    assert_eq!(state("ben"), "returning");
    // Carla: only answered Anna, on 4 February: nothing in the last 90 days
    assert_eq!(state("carla"), "lapsed");
    // Dora: first met on 2 May
    assert_eq!(state("dora"), "new");
    // Emil: four exchanges in February (3.69 on 5 March), then only a like in April: 2.96
    assert_eq!(state("emil"), "cooling");
    assert_eq!(
        ledger["states"],
        serde_json::json!({"new": 1, "returning": 1, "growing": 1, "steady": 0, "cooling": 1, "lapsed": 1})
    );
    let carla = person(&ledger, "carla");
    assert_eq!(
        (carla["exchanges_to_us"].as_u64(), carla["reciprocal"].as_bool()),
        (Some(0), Some(false))
    );
    // 0.3 · 0.9^(118.6 days / 30)
    assert_eq!(carla["strength"], 0.198);
    let ben = person(&ledger, "ben");
    // his January question was left waiting; his June comment answered after two hours
    assert_eq!((ben["their_comments"].as_u64(), ben["we_answered"].as_u64()), (Some(2), Some(1)));
    assert_eq!(ben["median_seconds_we_took"], 7200);
    assert_eq!(ben["first_encounter"], "2026-01-10T10:00:00Z");
    assert_eq!(ben["last_encounter"], "2026-06-02T12:00:00Z");
    let emil = person(&ledger, "emil");
    // he answered our #10 with #11, a day later minus two hours
    assert_eq!(
        (emil["they_answered"].as_u64(), emil["exchanges_from_us"].as_u64()),
        (Some(1), Some(2))
    );
    assert_eq!(emil["median_seconds_they_took"], 22 * 3600);
    // the people agree with the report
    let report = ws.json(&["report", "--json"]);
    assert_eq!(report["participants"], ledger["people_count"]);
}

#[test]
fn a_chosen_period_and_sorting() {
    let ws = museum();
    let january = ws.json(&["people", "--json", "--since", "2026-01-01", "--until", "2026-02-01"]);
    let states: Vec<(String, Value)> = january["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["name"].as_str().unwrap().to_string(), p["state"].clone()))
        .collect();
    // strongest first on 1 February: Anna (two exchanges), Ben (one comment), then those not
    // met yet, by name
    assert_eq!(
        states,
        [
            ("anna".to_string(), Value::from("new")),
            ("ben".to_string(), Value::from("new")),
            ("carla".to_string(), Value::Null),
            ("dora".to_string(), Value::Null),
            ("emil".to_string(), Value::Null),
        ]
    );
    let by_last = ws.json(&["people", "--json", "--sort", "last", "--limit", "2"]);
    let names: Vec<&str> =
        by_last["people"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["ben", "anna"]);
    assert_eq!(by_last["people_count"], 5);
    let text = ws.ok(&["people", "--sort", "name"]).stdout;
    let rows: Vec<&str> =
        text.lines().filter(|l| l.starts_with(['a', 'b', 'c', 'd', 'e'])).collect();
    assert_eq!(rows.len(), 5, "{text}");
    assert!(rows[0].starts_with("anna ") && rows[4].starts_with("emil "), "{text}");
    let empty = ws.relate(&["people", "--since", "2026-03-01", "--until", "2026-02-01"]);
    assert_eq!(empty.code, 2);
    assert!(empty.stderr.contains("the period is empty"), "{}", empty.stderr);
}

#[test]
fn cohorts_of_first_meeting() {
    let ws = museum();
    let table = ws.json(&["people", "--cohorts", "--json"]);
    // January: Anna and Ben, both back in April or later; February: Carla (never back) and
    // Emil (a like in April, nothing from May); May: Dora, not back in June. The data end in
    // June, so later columns are unknown.
    assert_eq!(
        table["cohorts"],
        serde_json::json!([
            {"month": "2026-01", "people": 2, "after_1_month": 2, "after_3_months": 2, "after_6_months": null},
            {"month": "2026-02", "people": 2, "after_1_month": 1, "after_3_months": 0, "after_6_months": null},
            {"month": "2026-05", "people": 1, "after_1_month": 0, "after_3_months": null, "after_6_months": null},
        ])
    );
    let text = ws.ok(&["people", "--cohorts"]).stdout;
    assert!(text.contains("2026-02") && text.contains("1 (50 %)"), "{text}");
}

#[test]
fn a_person_as_a_timeline() {
    let ws = museum();
    let ben = ws.json(&["person", "mastodon:ben", "--json"]);
    let timeline: Vec<(String, String, Value)> = ben["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["item"].as_str().unwrap().to_string(),
                m["encounter"].as_str().unwrap().to_string(),
                m["answered_by_us"].clone(),
            )
        })
        .collect();
    assert_eq!(
        timeline,
        [
            ("4".to_string(), "to_us".to_string(), Value::from(false)),
            ("21".to_string(), "to_us".to_string(), Value::from("22")),
            ("22".to_string(), "from_us".to_string(), Value::Null),
        ]
    );
    assert_eq!(ben["person"]["state"], "returning");
    let text = ws.ok(&["person", "Ben"]).stdout;
    assert!(text.contains("#4") && text.contains("left waiting"), "{text}");
    assert!(text.contains("answered by #22 after 2.0 h"), "{text}");

    let unknown = ws.relate(&["person", "Zora"]);
    assert_eq!(unknown.code, 2);
    assert!(unknown.stderr.contains("no one named \"Zora\""), "{}", unknown.stderr);
    // a part of a name that fits three people: they are listed
    let several = ws.relate(&["person", "a"]);
    assert_eq!(several.code, 2);
    assert!(several.stderr.contains("names 3 people: anna"), "{}", several.stderr);
}

#[test]
fn outcomes_beside_the_ledger_and_forgotten_with_their_person() {
    let ws = museum();
    let file = ws.dir.path().join("outcomes.csv");
    std::fs::write(&file, OUTCOMES).unwrap();
    let run = ws.ok(&["outcomes", "import", file.to_str().unwrap()]);
    assert!(run.stderr.contains("Imported 6 outcomes"), "{}", run.stderr);
    assert!(run.stderr.contains("One row named no one in the database (line 6)"), "{}", run.stderr);
    let again = ws.ok(&["outcomes", "import", file.to_str().unwrap()]);
    assert!(
        again.stderr.contains("Imported 0 outcomes") && again.stderr.contains("6 already there")
    );

    let ledger = ws.json(&["people", "--json"]);
    let anna = person(&ledger, "anna");
    assert_eq!(anna["outcomes"], serde_json::json!({"ticket": 2}));
    assert_eq!(anna["outcome_value"], 16.0);
    // Ben's membership was in January, before the period
    let ben = person(&ledger, "ben");
    assert_eq!(
        (ben["outcomes"].clone(), ben["outcomes_all"].as_u64()),
        (serde_json::json!({}), Some(1))
    );
    // strong on 3 June: Anna 4.20, Ben 2.60, Emil 2.96, Dora 1.79; Carla 0.198 is not
    let o = &ledger["outcomes"];
    assert_eq!(o["in_period"], 5);
    assert_eq!(
        o["strong_ties"],
        serde_json::json!({"people": 4, "with_outcome": 2, "outcomes": 3, "per_person": 0.75})
    );
    assert_eq!(
        o["others"],
        serde_json::json!({"people": 1, "with_outcome": 0, "outcomes": 0, "per_person": 0.0})
    );
    assert_eq!(o["segments"], serde_json::json!({"Schulklassen": 1}));
    assert_eq!(o["outside_ledger"], 1);
    assert!(o["note"].as_str().unwrap().contains("not why"));
    let text = ws.ok(&["people"]).stdout;
    assert!(text.contains("2 (2 ticket)"), "{text}");
    assert!(text.contains("shows who comes, not why"), "{text}");

    let bad = ws.dir.path().join("bad.csv");
    std::fs::write(&bad, "date,person,kind\n2026-05-01,museum,ticket\n2026-05-02,,ticket\n")
        .unwrap();
    let refused = ws.relate(&["outcomes", "import", bad.to_str().unwrap()]);
    assert_eq!(refused.code, 2);
    assert!(refused.stderr.contains("bad.csv:3: no person"), "{}", refused.stderr);

    ws.ok(&["forget", "anna", "--yes"]);
    let left = ws.json(&["outcomes", "list", "--json"]);
    let kinds: Vec<(&str, &str)> = left
        .as_array()
        .unwrap()
        .iter()
        .map(|o| (o["date"].as_str().unwrap(), o["kind"].as_str().unwrap()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("2026-01-02", "membership"),
            ("2026-05-21", "donation"),
            ("2026-05-22", "ticket"),
            ("2026-05-23", "membership")
        ]
    );
}

#[cfg(feature = "real-corpus")]
#[test]
fn seed_thread_five_reciprocal_people() {
    let root = std::env::var_os("RELATE_CORPUS")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| common::repo().join("../shared/corpus"));
    let seed = root.join("wxr/seed-social-media-roi.xml");
    assert!(seed.is_file(), "the real-corpus suite needs {}", seed.display());
    let ws = Workspace::new();
    ws.ok(&["import", seed.to_str().unwrap()]);
    let ledger = ws.json(&["people", "--json"]);
    let people = ledger["people"].as_array().unwrap();
    let mut names: Vec<&str> = people.iter().map(|p| p["name"].as_str().unwrap()).collect();
    names.sort_unstable();
    assert_eq!(names, ["Ben", "Hannes", "Heinz", "Johanna W. Holt", "Kulturplanet"]);
    assert!(people.iter().all(|p| p["reciprocal"] == true && p["state"] == "new"), "{ledger:#}");
    let items = |name: &str| person(&ledger, name)["items"].as_u64();
    assert_eq!((items("Heinz"), items("Kulturplanet")), (Some(2), Some(2)));
    assert!(["Ben", "Hannes", "Johanna W. Holt"].iter().all(|n| items(n) == Some(1)));
    // 108 and 111 were left waiting (docs/measures.md, "Owner response coverage")
    let heinz = ws.json(&["person", "Heinz", "--json"]);
    let waiting: Vec<&str> = heinz["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["answered_by_us"] == false)
        .map(|m| m["item"].as_str().unwrap())
        .collect();
    assert_eq!(waiting, ["111"]);
    let kulturplanet = person(&ledger, "Kulturplanet");
    // 107 answered her 105 after 5 h 28 min 13 s; she answered 107 with 108
    assert_eq!(kulturplanet["median_seconds_we_took"], 5 * 3600 + 28 * 60 + 13);
    assert_eq!(kulturplanet["they_answered"], 1);
}
