//! A [`Sink`] that keeps everything in memory, for tests and for rendering import snapshots.

use crate::{Sink, SinkError, Warning};
use relate_model::{Conversation, Item, Participant};

#[derive(Debug, Default)]
pub struct VecSink {
    pub participants: Vec<Participant>,
    pub conversations: Vec<Conversation>,
    pub items: Vec<Item>,
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
