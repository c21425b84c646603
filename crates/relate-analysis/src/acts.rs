//! Discourse acts per item: question, answer, acknowledgement, agreement, disagreement,
//! suggestion, source shared (docs/measures.md, "Discourse acts").
//!
//! Every public item with words (not likes, boosts, pingbacks or trackbacks) gets the acts its
//! text performs on its own (`relate_text::acts`: word lists and sentence rules), plus
//! *answer*, which depends on what it replies to:
//!
//! - An item **answers** when an item it addresses (`threads.addresses`: its parent or an
//!   `@Name`) asks a question, was written by someone else and is not the post, and the item
//!   does more than ask back or thank: its acts are not only question and acknowledgement
//!   when it asks, nor only an acknowledgement of eight words or fewer ("Danke!", "Thanks,
//!   got it").
//! - A question in a **post** is a call to everyone ("Was sollten wir aufheben?"): replies to
//!   it propose, agree, object or inform, and are not counted as answers (in the evaluation
//!   set, counting the informing ones cost more precision than it gained recall).
//!
//! Hidden items (spam, pending, restricted, deleted) have no acts and are never answered.

use rayon::prelude::*;
use relate_model::corpus::Corpus;
use relate_model::{ItemKind, State};
pub use relate_text::Act;
use relate_text::Acts as TextActs;

use crate::threads::{Threads, Via};

#[derive(Debug, Default)]
pub struct Acts {
    /// Per item (index as in the corpus), its acts; empty for hidden items and attention.
    pub items: Vec<TextActs>,
}

impl Acts {
    /// The acts of item `item` (none for an index out of range).
    pub fn of(&self, item: u32) -> TextActs {
        self.items.get(item as usize).copied().unwrap_or_default()
    }

    /// How many items perform `act`.
    pub fn count(&self, act: Act) -> u64 {
        self.items.iter().filter(|a| a.contains(act)).count() as u64
    }
}

/// Most words an acknowledgement may have and still be "only thanks" (not an answer).
const SHORT_THANKS_WORDS: usize = 8;

pub fn compute(corpus: &Corpus, threads: &Threads) -> Acts {
    let has_words = |i: usize| {
        let item = &corpus.items[i];
        item.state == State::Public && !item.kind.is_attention() && !item.kind.is_link_notice()
    };
    let text_acts: Vec<TextActs> = (0..corpus.items.len())
        .into_par_iter()
        .map(|i| {
            if has_words(i) { relate_text::acts(corpus.text_of(i as u32)) } else { TextActs::NONE }
        })
        .collect();
    let items = (0..corpus.items.len())
        .into_par_iter()
        .map(|i| {
            let mut acts = text_acts[i];
            if has_words(i) && answers(corpus, threads, &text_acts, i) {
                acts.insert(Act::Answer);
            }
            acts
        })
        .collect();
    Acts { items }
}

/// True if item `i` answers a question in an item it addresses (see the module doc).
fn answers(corpus: &Corpus, threads: &Threads, text_acts: &[TextActs], i: usize) -> bool {
    let own = text_acts[i];
    let only = |allowed: &[Act]| own.iter().all(|a| allowed.contains(&a));
    if own.contains(Act::Question) && only(&[Act::Question, Act::Acknowledgement]) {
        return false;
    }
    if own.contains(Act::Acknowledgement)
        && only(&[Act::Acknowledgement])
        && corpus.text_of(i as u32).split_whitespace().count() <= SHORT_THANKS_WORDS
    {
        return false;
    }
    let author = corpus.items[i].author;
    threads.addresses[i].iter().any(|a| {
        let target = &corpus.items[a.target as usize];
        if target.author == author || !text_acts[a.target as usize].contains(Act::Question) {
            return false;
        }
        a.via != Via::Post && target.kind != ItemKind::Post
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::threads;
    use relate_model::corpus::testing::corpus_from_text;

    fn check(text: &str) -> String {
        let corpus = corpus_from_text(text);
        let threads = threads::compute(&corpus);
        let acts = compute(&corpus, &threads);
        corpus
            .items
            .iter()
            .enumerate()
            .map(|(i, item)| format!("#{} {}\n", corpus.native_id(item), acts.items[i]))
            .collect()
    }

    #[test]
    fn answers_to_a_comment_question_not_to_a_post_question() {
        let got = check(
            "owner Anna
             #1 Anna: Was sollten wir aus der Gegenwart aufheben?
             #2 Ben -> #1: Die Busfahrkarten. Vielleicht fragen Sie Schulklassen?
             #3 Carl -> #1: Die laminierten Schichtpläne aus der Paketzentrale.
             #4 Dora -> #1: Gibt es dafür eine Kommission?
             #5 Anna -> #4: @Dora: Ja, unsere Sammlungskommission entscheidet.
             #6 Dora -> #5: Danke!
             #7 Anna -> #4: @Dora: Gute Frage, und was meinen Sie?
             #8 Ben -> #1 [spam]: Buy followers https://spam.example",
        );
        assert_eq!(
            got,
            "#1 question\n\
             #2 suggestion\n\
             #3 \n\
             #4 question\n\
             #5 answer\n\
             #6 acknowledgement\n\
             #7 question\n\
             #8 \n"
        );
    }

    #[test]
    fn thanks_and_objection_in_english() {
        let got = check(
            "owner Lib
             #1 Lib: Late opening on Thursdays from February.
             #2 Greg -> #1: Thanks, but who pays for the staff?
             #3 Lib -> #2: @Greg The council does, see https://lib.example/budget",
        );
        assert_eq!(
            got,
            "#1 \n\
             #2 question;acknowledgement;disagreement\n\
             #3 answer;source\n"
        );
    }
}
