// Package examples embeds sitrep's built-in example corpus, used by the
// `sitrep demo` command and by tests.
//
// The corpus is a small set of news articles about the 2015 Iran nuclear
// negotiations: the Lausanne framework of 2 April 2015, the Vienna agreement
// (the Joint Comprehensive Plan of Action) of 14 July 2015, and the reactions
// and U.S. congressional review that followed. The articles, the outlets that
// "published" them and the wording of every quotation were written by the
// sitrep authors; they describe real, widely reported events but are not copies
// of any real article, and the quotations are illustrative paraphrases rather
// than verbatim statements. The corpus is free to reuse under the project's
// licence.
//
// The raw files deliberately look like what a crawler saves (page furniture,
// misleading time stamps, a syndicated copy, relative dates, HTML pages, a
// JSON Lines export and a metadata sidecar) so that the demo exercises
// cleaning, date resolution and de-duplication. README.md in this directory
// lists the difficulties file by file.
package examples
