//! A [`Sink`] that keeps everything in memory, for tests and for rendering import snapshots.

use std::path::Path;

use crate::{ImportContext, ImportError, ImportSummary, Importer, Input, Pseudonymizer};
use crate::{Sink, SinkError, Warning};
use relate_model::{AudienceSnapshot, Conversation, Item, Participant};

#[derive(Debug, Default)]
pub struct VecSink {
    pub participants: Vec<Participant>,
    pub conversations: Vec<Conversation>,
    pub items: Vec<Item>,
    pub audience: Vec<AudienceSnapshot>,
    pub warnings: Vec<Warning>,
}

impl Sink for VecSink {
    fn participant(&mut self, participant: Participant) -> Result<(), SinkError> {
        if !self.participants.iter().any(|p| p.key == participant.key) {
            self.participants.push(participant);
        }
        Ok(())
    }
    fn conversation(&mut self, conversation: Conversation) -> Result<(), SinkError> {
        self.conversations.push(conversation);
        Ok(())
    }
    fn item(&mut self, item: Item) -> Result<(), SinkError> {
        self.items.push(item);
        Ok(())
    }
    fn audience(&mut self, snapshot: AudienceSnapshot) -> Result<(), SinkError> {
        self.audience.push(snapshot);
        Ok(())
    }
    fn warn(&mut self, warning: Warning) {
        self.warnings.push(warning);
    }
}

impl VecSink {
    pub fn item(&self, native_id: &str) -> Option<&Item> {
        self.items.iter().find(|i| i.native_id == native_id)
    }

    pub fn participant(&self, key: &str) -> Option<&Participant> {
        self.participants.iter().find(|p| p.key == key)
    }
}

/// Runs `importer` on the file or folder at `path` into a fresh [`VecSink`].
pub fn import_path(
    importer: &dyn Importer,
    path: &Path,
) -> (Result<ImportSummary, ImportError>, VecSink) {
    let input = Input::from_path(path).expect("test input exists");
    let ctx = ImportContext::new(Pseudonymizer::new(b"test"));
    let mut sink = VecSink::default();
    let result = importer.import(&input, &ctx, &mut sink);
    (result, sink)
}

/// `fixtures/<rest>` at the workspace root, for importer tests.
pub fn fixture(rest: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures").join(rest)
}
