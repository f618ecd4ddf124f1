// Package webpage finds the main text of an HTML page and its metadata.
//
// Extract runs go-trafilatura (a Go port of Trafilatura) to separate the
// article from navigation, footers, comments and other boilerplate, then
// walks the content tree it returns to keep the paragraph structure: each
// paragraph, heading, list item, quotation, table row or caption becomes one
// Block whose text has its white space folded. Because trafilatura trims the
// text of every node, the spacing between inline pieces ("<b>T</b>he",
// "<a>link</a>,") is restored by looking the junction up in the text of the
// original page. The publication date comes from go-htmldate, asked for the
// original rather than the last-modified date.
//
// Extract is safe for concurrent use: it keeps no state between calls. It
// never panics on bad input; a panic inside the libraries is returned as an
// error.
package webpage
