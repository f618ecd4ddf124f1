package model

// This file holds the annotations later stages add to an article. Every
// annotation carries a Span into Article.Text so that each fact points back
// to the text it came from.

// Syntax is one token's part of speech, lemma and dependency, as the syntax
// stage assigns them. Heads index the article's tokens, not the sentence's,
// so a Syntax can be read without knowing its sentence.
type Syntax struct {
	// UPOS is the Universal Dependencies part of speech ("NOUN", "VERB"...);
	// XPOS the Penn Treebank tag ("NN", "VBD"...).
	UPOS string `json:"upos"`
	XPOS string `json:"xpos"`
	// Lemma is the dictionary form, lower-cased except for proper nouns.
	Lemma string `json:"lemma"`
	// Head is the index in Article.Tokens of the token's syntactic head, or
	// -1 for the root of a sentence.
	Head int `json:"head"`
	// Rel is the Universal Dependencies relation to the head ("nsubj",
	// "obj", "root"...).
	Rel string `json:"rel"`
}

// Timex is one time expression, normalised TIMEX3-style relative to the
// article's publication date.
type Timex struct {
	Span Span   `json:"span"`
	Text string `json:"text"`
	// Type is "DATE", "TIME", "DURATION" or "SET".
	Type string `json:"type"`
	// Value is the TIMEX3 value: "2014-09-15", "2014-W38", "2014-09",
	// "PRESENT_REF", "P3D", "XXXX-XX-XX" when unresolvable...
	Value string `json:"value"`
	// Precision is "day", "week", "month", "year" or "" when Value is not a
	// calendar point.
	Precision string `json:"precision,omitempty"`
	// Sentence indexes Article.Sentences.
	Sentence int `json:"sentence"`
}

// Mention is one reference to an actor in the text: a name, a title, a
// description or a pronoun, resolved as far as the engine could.
type Mention struct {
	Span Span   `json:"span"`
	Text string `json:"text"`
	// Sentence indexes Article.Sentences.
	Sentence int `json:"sentence"`
	// Kind is the entity type: "PER", "ORG" or "LOC".
	Kind string `json:"kind"`
	// Actor is the actor code: ISO 3166 alpha-3 for states ("IRN",
	// "USA"), the knowledge base's short codes for organisations and
	// armed groups ("UN", "NATO", "ISIS"), or a loaded dictionary's codes;
	// "" when unresolved.
	Actor string `json:"actor,omitempty"`
	// Sector is the CAMEO/PLOVER sector ("GOV", "MIL", "REB"...), or "".
	Sector string `json:"sector,omitempty"`
	// Person is the canonical name of the person referred to, or "".
	Person string `json:"person,omitempty"`
	// Entity numbers the article's coreference chains: mentions with the
	// same Entity refer to the same thing. 0 means not linked.
	Entity int `json:"entity,omitempty"`
	// Via says how the mention was resolved: "kb" (knowledge base name or
	// alias), "dict" (a loaded dictionary), "title", "coref" (an earlier
	// mention of the same entity), "pronoun", "description", "ner" (a
	// recognised name outside the base).
	Via string `json:"via,omitempty"`
}

// Speaker is who a quote is attributed to.
type Speaker struct {
	// Name is the speaker as the text names or describes them, resolved to
	// the canonical person name when known.
	Name string `json:"name"`
	// Actor and Sector are the speaker's actor code and sector, when known.
	Actor  string `json:"actor,omitempty"`
	Sector string `json:"sector,omitempty"`
	// Description is a descriptive phrase ("a French diplomat").
	Description string `json:"description,omitempty"`
	// Anonymous is true for unnamed sources.
	Anonymous bool `json:"anonymous"`
	// Mention locates the speaker's mention in Article.Text (NoSpan when
	// the speaker is carried over from an earlier paragraph without one).
	Mention Span `json:"mention"`
	// Channel names the medium the quote was relayed through ("IRNA"), if
	// the text says so.
	Channel string `json:"channel,omitempty"`
}

// Quote is one direct, partial or indirect quotation.
type Quote struct {
	// ID is stable within the article: the article ID and a sequence number.
	ID string `json:"id"`
	// Span is the quote's content (without the quotation marks).
	Span Span   `json:"span"`
	Text string `json:"text"`
	// Kind is "direct", "partial" or "indirect".
	Kind string `json:"kind"`
	// Speaker is nil when no speaker could be found.
	Speaker *Speaker `json:"speaker"`
	// Cue is the reporting verb or phrase ("said", "according to"), and
	// CueSpan its place (NoSpan when there is none).
	Cue     string `json:"cue,omitempty"`
	CueSpan Span   `json:"cue_span"`
}

// Participant is an event's source or target.
type Participant struct {
	// Code is the actor code ("IRN", "USA", "ISIS"...), or "" when the
	// participant could not be resolved.
	Code string `json:"code"`
	// Sector is the CAMEO/PLOVER sector ("GOV", "MIL"...), or "".
	Sector string `json:"sector,omitempty"`
	// Text is the participant's phrase in the sentence, and Span its place.
	Text string `json:"text"`
	Span Span   `json:"span"`
}

// Event is one political event coded from one sentence of one article:
// who did what to whom, when, in CAMEO and PLOVER terms. Events of several
// articles that report the same happening are merged later, by the story
// stage; an Event here always has one article and one evidence sentence.
type Event struct {
	// ID is stable within the article: the article ID and a sequence
	// number.
	ID string `json:"id"`
	// Sentence indexes Article.Sentences; Span is the evidence: the
	// sentence, or the clause the event was read from, in Article.Text.
	Sentence int  `json:"sentence"`
	Span     Span `json:"span"`
	// Trigger is the word or phrase that names the action ("rejected",
	// "air strike") and TriggerSpan its place.
	Trigger     string      `json:"trigger"`
	TriggerSpan Span        `json:"trigger_span"`
	Source      Participant `json:"source"`
	Target      Participant `json:"target"`
	// CAMEO is the CAMEO event code ("125"); Root its first two digits.
	CAMEO string `json:"cameo"`
	Root  string `json:"root"`
	// PLOVER is the PLOVER event type ("REJECT").
	PLOVER string `json:"plover"`
	// Mode is the PLOVER mode of the event, when one applies.
	Mode string `json:"mode,omitempty"`
	// Goldstein is the CAMEO code's Goldstein score, -10 to +10.
	Goldstein float64 `json:"goldstein"`
	// Quad is the quad class: 1 verbal cooperation, 2 material
	// cooperation, 3 verbal conflict, 4 material conflict.
	Quad int `json:"quad"`
	// Negated is true when the text says the action did not or will not
	// happen ("will not be coordinating").
	Negated bool `json:"negated"`
	// Modality is "" for an asserted past or present event, else
	// "future", "hypothetical", "intended", "possible", "denied"...
	Modality string `json:"modality,omitempty"`
	// Date is when the event happened, YYYY-MM-DD (the first day of a
	// coarser period), with its precision ("day", "week", "month",
	// "year") and basis ("timex" when a time expression dates it, then
	// DateSpan locates it; "published" when it falls back on the
	// publication date; "" when undated).
	Date          string `json:"date,omitempty"`
	DatePrecision string `json:"date_precision,omitempty"`
	DateBasis     string `json:"date_basis,omitempty"`
	DateSpan      Span   `json:"date_span"`
	// Location is the place the text says the event happened, if any.
	Location string `json:"location,omitempty"`
	// Quote is the ID of the quote the event was read from, when it was
	// said inside one.
	Quote string `json:"quote,omitempty"`
}
