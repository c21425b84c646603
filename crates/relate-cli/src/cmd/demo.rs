//! `relate demo`: a workspace from the bundled demo data, imported and reported.
//!
//! The demo data (`demo/` in the repository) is written into the binary, so the demo runs
//! on a fresh machine with no network and no checkout.

use std::path::PathBuf;

use anyhow::Context;

use super::{open_store, print};

/// The bundled files: (relative path, contents).
const FILES: &[(&str, &str)] = &[
    ("museum-blog.xml", include_str!("../../../../demo/museum-blog.xml")),
    // the vanity numbers no export carries, to set beside the real return
    ("audience.csv", include_str!("../../../../demo/audience.csv")),
    ("mastodon/utterances.jsonl", include_str!("../../../../demo/mastodon/utterances.jsonl")),
    ("mastodon/speakers.json", include_str!("../../../../demo/mastodon/speakers.json")),
    ("mastodon/conversations.json", include_str!("../../../../demo/mastodon/conversations.json")),
    ("mastodon/corpus.json", include_str!("../../../../demo/mastodon/corpus.json")),
    ("mastodon/index.json", include_str!("../../../../demo/mastodon/index.json")),
];

#[derive(clap::Args)]
pub(crate) struct Args {
    /// Where to build the demo workspace (replaced if it holds an earlier demo).
    #[arg(long, default_value = "relate-demo")]
    dir: PathBuf,
    /// Then serve the demo's dashboard on this machine (`relate serve`) until stopped.
    #[arg(long)]
    serve: bool,
    /// The dashboard's port with --serve (0: any free one).
    #[arg(long, default_value_t = 8470, requires = "serve")]
    port: u16,
}

pub(crate) fn run(args: Args) -> anyhow::Result<()> {
    let dir = &args.dir;
    std::fs::create_dir_all(dir.join("mastodon"))
        .with_context(|| format!("cannot create {}", dir.display()))?;
    for (name, contents) in FILES {
        std::fs::write(dir.join(name), contents)
            .with_context(|| format!("cannot write {}", dir.join(name).display()))?;
    }
    let db = dir.join("relate.db");
    for suffix in ["", "-wal", "-shm"] {
        let path = PathBuf::from(format!("{}{suffix}", db.display()));
        if path.exists() {
            std::fs::remove_file(&path)
                .with_context(|| format!("cannot replace {}", path.display()))?;
        }
    }
    // The museum's Mastodon account is "us" there; WordPress authors are owners by default.
    open_store(&db)?.add_owner("convokit", "stadtmuseum")?;
    for name in ["museum-blog.xml", "mastodon", "audience.csv"] {
        let path = dir.join(name);
        let imported = super::import::import(&db, &path, None, true)?;
        eprintln!("{}", super::import::summary(&path, &imported));
    }
    eprintln!();
    super::show::report(&db, false, false)?;
    print("\n")?;
    print(&format!(
        "Next: `relate --db {0} learned` (what the museum learned, with evidence), \
         `relate --db {0} threads` (the conversations), `relate --db {0} report --json`.\n",
        db.display()
    ))?;
    // last, so the final line a newcomer sees is the whole report to open
    let page = super::show::write_html(&db, &dir.join("report.html"), None, false)?;
    print(&format!(
        "\nThe whole report, one HTML file for a browser (every number links to the items behind it):\n{}\n",
        page.display()
    ))?;
    if args.serve {
        print("\nThe dashboard (Ctrl-C stops it):\n")?;
        super::serve::run(&db, &super::serve::Args::local(args.port), false)?;
    }
    Ok(())
}
