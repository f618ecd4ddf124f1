// Package report writes a situation report: a plain-text account, for a
// person, of what a store knows. For now that is the coverage (which
// outlets reported what, when, from where), how the dates were chosen,
// what cleaning removed and which inputs were rejected. Later stages add
// actors, events, quotes and stories to it.
package report
