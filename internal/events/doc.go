// Package events codes political events — who did what to whom — from an
// article's dependency parse and resolved actors, in CAMEO and PLOVER terms.
//
// It is the stage after syntax, timex, actors and quotes: (*Coder).Annotate
// reads Article.Tokens (with Syntax), Mentions, Quotes and Timexes and fills
// Article.Events. It never changes another stage's output.
//
// Triggers come from a verb-pattern dictionary written by the project
// (data/verbs.yaml): verb lemmas with particles or prepositions ("call on",
// "pull out"), noun triggers ("air strike", "rejection", "talks"), the
// argument slots that give the target, and complements a pattern requires
// ("accuse X of", "press X to"). A PETRARCH verb dictionary
// (CAMEO.2.0.txt format) can be loaded instead of or beside it with
// LoadPetrarchVerbs. Verb patterns are also indexed under their regular
// and common irregular inflected forms, for when the lemmatiser leaves a
// form as it is or gets it wrong ("retaken", "conced").
//
// Roles are read from syntax: nsubj (or the agent of a passive) is the
// source, the object, a given preposition's object or, for "urge X to",
// the controller of the complement is the target; coordinated arguments
// give one event per conjunct; complements inherit their controller's
// subject; embedded statements under "said" are coded on their own clause,
// where actors' coreference resolves "he". Participants are the head-most
// resolved actor mention inside the argument's subtree.
//
// Three rules look beyond the trigger's own arguments. A rejection of a
// bare proposal ("he rejected the request") targets the subject of the
// nearest verb of asking or offering before it, in its sentence or the one
// before. A multilateral source — an unresolved plural group of states or
// envoys marked as many ("about 30 countries", "all participants", "the
// world's top diplomats"), or arguments under a floating "all" ("X, Y and
// Z all pledged") — is coded with the collective code CollectiveCode
// ("IGO"), beside each named member's own event, so that reports naming
// the group differently merge into one event. "would" in a clause
// reported by a speech verb is the future of the past ("said it would not
// coordinate"), not a conditional. Coordinated sources with no target
// act on each other when the act is reciprocal (CAMEO 03–06, or "their
// meeting"). An actor found below an argument's head brings its
// conjuncts ("ties with A and B") and takes the sector of an agent noun
// above it ("soldiers from A"). An office-holder the text gives no
// country ("President X", "supporters of President X") takes the
// sentence's one named state, not counting the subject of the speech verb
// that reports the sentence ("a spokeswoman for the A embassy said"),
// and not when a state's own people meet or help him (diplomacy is
// mostly across borders).
//
// Domestic acts: news codes an act on a country's own people as that
// country acting on itself, in another sector. A target phrase naming
// people or bodies of no stated country ("arrested protesters", "ordered
// officials to") takes the source's state with the noun's sector; a
// protest or coercion with no target acts on the source's own state
// (protest: its government); and an act of yielding, demand, rejection,
// threat, sanction or coercion (force too, when the source is not a state
// or army) that resolves no one acted on takes the source's state when
// that is the only state its sentence names. Diplomacy, aid and force
// posture (CAMEO 03–07, 15) are never given a domestic target. A protest
// with no target phrase first looks in its purpose ("to protest Y's
// decision") and "in protest/defiance of Y"; a threat in its "if/unless"
// clause; a show of force in the war it is for ("for a war against Y").
//
// Announced acts: readiness adjectives ("willing/prepared/ready to") mark
// intent; an announced hostile act in reported speech ("said they would
// boycott", "will blockade") is coded as the threat of it (CAMEO 13x), as
// announced cooperation is coded as intent (03x).
//
// Negation and modality are read from the trigger's dependents and its
// chain of governing verbs: "not", "never", "no"; "denied"; auxiliaries
// ("will" future, "could" possible, "would" hypothetical); "is to", "plans
// to", "hoped" (intended); conditionals. A negated cooperation asserted
// by its source ("we will not be coordinating with X") is coded as the
// matching refusal (CAMEO 12x), never as cooperation; other negated events
// keep their code with Negated set and PLOVER mode "negated".
//
// False-positive control: only body and standfirst sentences are read;
// an event needs a resolved source (events without one are dropped); an
// unresolved target leaves Target.Code "" (such events are kept as
// evidence but are not dyadic events), except that appeals, consultations,
// cooperation and aid (CAMEO 02, 04–07), which mean an act on someone, are
// dropped when the clause names no second actor at all (no target phrase,
// or one that is a thing: "discussed the budget"; Options.KeepUntargeted
// keeps them); patterns can veto objects ("struck a cautious note" is no
// attack); one event per (trigger, source,
// target); an event whose source and target are the same actor (same code
// and sector) is dropped unless its CAMEO root is one of material conflict
// or protest (14–20), which are often domestic.
//
// Code names, Goldstein scores, quad classes and the CAMEO→PLOVER map are
// in data/codes.tsv, generated from the CAMEO codebook tables and the
// PLOVER project's CAMEO2PLOVER map by GenerateCodes ("sitrep train codes").
//
// A Coder is immutable after construction and safe for concurrent use;
// Annotate never panics on any article.
package events
