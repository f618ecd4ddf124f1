// Package stories groups coverage into stories: it finds republished
// copies, places every article in an event cluster (one real-world
// happening, days) and a storyline (weeks to months: shared actors and
// themes), and merges the events several outlets report into one event
// with a corroboration count and the points where the reports disagree.
//
// # Placement
//
// An Index is built online: Place takes one segmented article and decides,
// in one pass and without comparing it to every stored article,
//
//   - whether it is a near-duplicate (a syndicated or reposted copy) of an
//     article already placed: MinHash over word 5-shingles with LSH banding
//     gives the candidates, the estimated Jaccard similarity decides; a
//     copy joins its original's event cluster and links to it;
//   - which event cluster it belongs to: candidate clusters come from an
//     inverted index over the article's most salient terms (TF-IDF weighted
//     content words, capitalised names and, when the actor stage has run,
//     actor codes and person names), postings lists capped at the most
//     recent clusters; the article joins the most similar centroid above
//     Options.EventThreshold whose dates lie within Options.EventDays, or
//     opens a new cluster;
//   - which storyline a new event cluster belongs to: the same retrieval
//     over storyline centroids, on the article's theme vector (names count
//     for less: a storyline outlives the people of one episode), with a
//     lower threshold and a wider date window. A storyline is the parent
//     of its event clusters.
//
// After each placement the clusters the article touched are compared with
// their most similar neighbours (retrieved the same way) and merged when
// their centroids have grown alike (Options.EventMerge, StorylineMerge;
// storylines only on a mutual best match): the later cluster joins the
// earlier one, so a story split by an unlucky arrival order heals as its
// coverage grows. IDF is computed at comparison time from the running
// document frequencies plus a prior of Options.PriorDocs documents, so a
// young index does not take the words of the first story it meets for
// common ones.
//
// Per article the index keeps a MinHash signature and its top terms, never
// the text, so memory per article is bounded; candidate sets, postings
// lists, LSH buckets and centroids are capped, and merges move the smaller
// side only, so the time to place an article stays flat as the index grows
// (TestScale, opt-in, measures 200,000 articles). Hash seeds are fixed: the
// same articles in the same order give the same placements on every
// machine. A copy counts once: it joins its original's clusters without
// adding its words or its (republication) date.
//
// The index is not safe for concurrent use: one goroutine places articles.
// Save and Load persist it (gob, versioned, validated on load); Lookup
// gives an article's current placement, which merges may have changed
// since Place returned.
//
// # Export
//
// Index.Stories returns the records `{"type":"story","id","level",
// "parent","articles","title","first","last"}`; level is "event" (parent:
// the storyline) or "storyline" (no parent).
//
// # Event merging
//
// The event stage does not exist yet, so Merge works on this package's own
// Event type (article, outlet, dyad, type, date, negation, numbers,
// evidence span, story). Merge joins events of one story with the same
// dyad and type whose dates lie within a tolerance into one MergedEvent
// listing every article and evidence span; Corroboration counts
// independent outlets (a copy counts once, with its original); where the
// reports differ (date, actor detail, negated versus affirmed, numbers) all
// versions are kept and listed as Disagreements. When the event stage lands
// its events are converted to Event (or Event is replaced by the shared
// model type with the same fields) and the merged events are exported with
// "story", "corroboration" and "disagreements".
//
// # Evaluation
//
// EvalECB scores the clustering on ECB+ (one folder per topic, N_Mecb.xml
// and N_Mecbplus.xml two different events of topic N): B-cubed F1 of the
// storylines against topics and of the event clusters against
// (topic, ecb|ecbplus). `sitrep eval clusters` runs it.
package stories
