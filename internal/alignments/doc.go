// Package alignments derives the political system the news describes from
// coded events: a signed, weighted, time-windowed network of actors, the
// blocs it falls into, the actors that bridge blocs, the stances actors take
// toward a group or initiative (a coalition, an alliance, a conference), and
// how alignments shift between time windows.
//
// Everything here is a pure function over the small input types of this
// package (Event, Sentence), so each step is unit-testable on hand-made
// input; Load fills an Input from any store.Store (SQLite or PostgreSQL).
// The order of work is:
//
//	Stances(sentences)            initiative mentions and stances, with evidence
//	Relations(sentences)          alliances and enmities stated outright
//	Build(events, stances, rels)  signed network, one weighted edge per pair
//	Partition(network)            blocs by signed modularity
//	Analyze(input, opts)          all of the above for one window
//	Shifts(prev, cur)             who moved between two windows
//
// Output is deterministic: nodes, blocs, edges and stances are sorted, and
// the community search visits nodes in a fixed order.
package alignments
