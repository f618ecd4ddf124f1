package webpage

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/sitrep/sitrep/internal/model"
)

const articlePage = `<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Ministers agree on grain corridor | The Daily Example</title>
<meta property="og:title" content="Ministers agree on grain corridor">
<meta property="og:site_name" content="The Daily Example">
<meta name="author" content="Jane Roe">
<meta name="description" content="Talks in Istanbul end with a deal.">
<meta property="article:published_time" content="2023-07-14T09:30:00Z">
<link rel="canonical" href="https://news.example.com/world/2023/07/14/grain-corridor">
</head><body>
<header><nav><ul>
<li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/business">Business</a></li><li><a href="/sport">Sport</a></li>
</ul></nav></header>
<main><article>
<h1>Ministers agree on grain corridor</h1>
<p>ISTANBUL — Foreign ministers from four countries agreed on Friday to reopen a
shipping corridor for grain, ending weeks of talks that had stalled over
insurance for the vessels.</p>
<p>The agreement, signed in the Dolmabahçe palace, lets <b>cargo ships</b> leave
three ports under the watch of a joint centre. “This is a good day,” said the
host, who chaired the final session.</p>
<h2>What happens next</h2>
<p>The first ships are expected to sail <a href="/ports">within a week</a>, and
inspectors will check every vessel on its way in and on its way out of the
strait, officials said.</p>
<p>Critics said the deal left open who would pay if a ship were damaged, a
question that had blocked two earlier drafts of the text.</p>
</article></main>
<footer><p>© 2023 The Daily Example. All rights reserved.</p>
<ul><li><a href="/privacy">Privacy</a></li><li><a href="/terms">Terms of use</a></li></ul></footer>
</body></html>`

func TestExtractArticle(t *testing.T) {
	p, err := Extract(articlePage, Options{URL: "https://news.example.com/world/2023/07/14/grain-corridor"})
	if err != nil {
		t.Fatal(err)
	}
	if p.Title != "Ministers agree on grain corridor" {
		t.Errorf("Title = %q", p.Title)
	}
	if p.Date != "2023-07-14" || !p.DateOriginal {
		t.Errorf("Date = %q original %v", p.Date, p.DateOriginal)
	}
	if p.Author != "Jane Roe" || p.Sitename != "The Daily Example" || p.Language != "en" {
		t.Errorf("Author %q Sitename %q Language %q", p.Author, p.Sitename, p.Language)
	}
	if p.Description != "Talks in Istanbul end with a deal." {
		t.Errorf("Description = %q", p.Description)
	}
	if p.URL != "https://news.example.com/world/2023/07/14/grain-corridor" {
		t.Errorf("URL = %q", p.URL)
	}
	want := []Block{
		{"ISTANBUL — Foreign ministers from four countries agreed on Friday to reopen a shipping corridor for grain, ending weeks of talks that had stalled over insurance for the vessels.", model.KindBody},
		{"The agreement, signed in the Dolmabahçe palace, lets cargo ships leave three ports under the watch of a joint centre. “This is a good day,” said the host, who chaired the final session.", model.KindBody},
		{"What happens next", model.KindHeading},
		{"The first ships are expected to sail within a week, and inspectors will check every vessel on its way in and on its way out of the strait, officials said.", model.KindBody},
		{"Critics said the deal left open who would pay if a ship were damaged, a question that had blocked two earlier drafts of the text.", model.KindBody},
	}
	if !reflect.DeepEqual(p.Blocks, want) {
		t.Errorf("Blocks:\n%s\nwant:\n%s", dump(p.Blocks), dump(want))
	}
	for _, junk := range []string{"Home", "Privacy", "rights reserved"} {
		if strings.Contains(p.Text(), junk) {
			t.Errorf("boilerplate %q kept in %q", junk, p.Text())
		}
	}
}

func dump(bs []Block) string {
	var sb strings.Builder
	for _, b := range bs {
		sb.WriteString("[" + string(b.Kind) + "] " + b.Text + "\n")
	}
	return sb.String()
}

func TestExtractEmpty(t *testing.T) {
	for _, in := range []string{"", "   \n\t", "<html></html>", "<html><body><script>var x = 1;</script></body></html>"} {
		p, err := Extract(in, Options{})
		if !errors.Is(err, ErrNoText) {
			t.Errorf("Extract(%q): err = %v, want ErrNoText", in, err)
		}
		if len(p.Blocks) != 0 {
			t.Errorf("Extract(%q): blocks %v", in, p.Blocks)
		}
	}
}

func TestExtractMalformed(t *testing.T) {
	for _, in := range []string{
		"<p>unclosed <b>bold <i>italic</p> text after the paragraph that goes on for a while",
		"<<<>>><div><table><tr><td>cell<p>para</table></div></span></body></html>",
		"<html><body>" + strings.Repeat("<div>", 5000) + "deep text" + "</body>",
		"\xff\xfe<p>invalid \xc3\x28 utf-8 bytes</p>",
		"just plain text, no markup at all. It has a few sentences. They should come out.",
		"<!-- only a comment -->",
		"<svg><text>drawing</text></svg><math><mi>x</mi></math>",
	} {
		// Errors are allowed (the HTML parser refuses trees deeper than
		// 512), panics and malformed blocks are not.
		p, _ := Extract(in, Options{})
		for _, b := range p.Blocks {
			if b.Text == "" || strings.Contains(b.Text, "\n\n") || b.Text != strings.TrimSpace(b.Text) {
				t.Errorf("Extract(%.30q): bad block %q", in, b.Text)
			}
		}
	}
}

func TestExtractPlainText(t *testing.T) {
	in := "The council met on Monday and voted to close the old bridge to lorries. " +
		"Residents had complained for years about the noise and the cracks in the road surface. " +
		"Repairs are due to start in the spring and will take about six months, the council said."
	p, err := Extract(in, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if p.Text() != in {
		t.Errorf("Text = %q", p.Text())
	}
}

func TestExtractTruncated(t *testing.T) {
	in := "<html><body><article>" + strings.Repeat("<p>Some words that repeat in a long page about nothing.</p>\n", 200) + "</article></body></html>"
	p, err := Extract(in, Options{MaxBytes: 2000})
	if err != nil {
		t.Fatal(err)
	}
	if !p.Truncated {
		t.Error("Truncated = false")
	}
	if n := len(p.Text()); n > 2000 {
		t.Errorf("text of %d bytes from 2000 input bytes", n)
	}
	if p, _ := Extract(in, Options{MaxBytes: -1}); p.Truncated {
		t.Error("Truncated with no cap")
	}
}

func TestTruncate(t *testing.T) {
	s := "ab<p>é" // é is 2 bytes: cutting at 6 would split it
	for n := 1; n < len(s); n++ {
		got := truncate(s, n)
		if len(got) > n || !strings.HasPrefix(s, got) || !utf8Valid(got) {
			t.Errorf("truncate(%q, %d) = %q", s, n, got)
		}
	}
}

func utf8Valid(s string) bool { return strings.ToValidUTF8(s, "?") == s }

// TestWalkBlocks checks the block walker on trees as trafilatura returns
// them: text nodes trimmed, so spacing must come from the page's text.
func TestWalkBlocks(t *testing.T) {
	for _, tc := range []struct {
		name    string
		content string // the content tree, as trafilatura might return it
		page    string // the original page
		want    []Block
	}{
		{
			name:    "kinds",
			content: `<div><h2>Cross head</h2><p>Body text.</p><figcaption>A photo.</figcaption><table><caption>Results</caption><tr><td>a</td><td>1</td></tr><tr><th>b</th><td>2</td></tr></table></div>`,
			want: []Block{
				{"Cross head", model.KindHeading}, {"Body text.", model.KindBody},
				{"A photo.", model.KindCaption}, {"Results", model.KindCaption},
				{"a 1", model.KindBody}, {"b 2", model.KindBody},
			},
		},
		{
			name:    "drop cap and punctuation",
			content: `<p><span>T</span>he minister<a>said</a>,<b>“no”</b>.</p>`,
			page:    `<p><span class="dropcap">T</span>he minister <a href="#">said</a>, <b>“no”</b>.</p>`,
			want:    []Block{{"The minister said, “no”.", model.KindBody}},
		},
		{
			name:    "unknown junction gets a space",
			content: `<p>alpha<b>beta</b></p>`,
			page:    `<p>something else</p>`,
			want:    []Block{{"alpha beta", model.KindBody}},
		},
		{
			name:    "whitespace kept from the tree",
			content: "<p>one\n\t two <i>three</i>  four</p>",
			want:    []Block{{"one two three four", model.KindBody}},
		},
		{
			name:    "line breaks",
			content: `<p>line one<br>line two<br/><br>next paragraph<br></p><p><br>x</p>`,
			want: []Block{
				{"line one\nline two", model.KindBody}, {"next paragraph", model.KindBody},
				{"x", model.KindBody},
			},
		},
		{
			name:    "lists and quotes",
			content: `<ul><li>first</li><li><p>second</p></li></ul><blockquote><p>quoted</p>tail</blockquote>`,
			want: []Block{
				{"first", model.KindBody}, {"second", model.KindBody},
				{"quoted", model.KindBody}, {"tail", model.KindBody},
			},
		},
		{
			name:    "pre keeps lines",
			content: "<pre>  a   b\n  c\n\n\nd  </pre>",
			want:    []Block{{"a b\nc\nd", model.KindBody}},
		},
		{
			name:    "skipped elements",
			content: `<p>keep<script>drop()</script><style>p{}</style> this</p>`,
			want:    []Block{{"keep this", model.KindBody}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := parseFragment(t, tc.content)
			page := tc.page
			if page == "" {
				page = tc.content
			}
			got := walkBlocks(root, layoutText(parseFragment(t, page)))
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got:\n%s\nwant:\n%s", dump(got), dump(tc.want))
			}
		})
	}
}

func parseFragment(t *testing.T, s string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader("<html><body>" + s + "</body></html>"))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestDropHeadline(t *testing.T) {
	h := func(s string) Block { return Block{s, model.KindHeading} }
	b := func(s string) Block { return Block{s, model.KindBody} }
	sf := Block{"A long summary line under the headline that tells the whole story in one go.", model.KindStandfirst}
	for _, tc := range []struct {
		name   string
		title  string
		blocks []Block
		want   []Block
	}{
		{"equal", "Big News", []Block{h("Big news!"), b("x")}, []Block{b("x")}},
		{"site suffix", "Big news today | Site", []Block{h("Big news today"), b("x")}, []Block{b("x")}},
		{"standfirst", "Big News", []Block{h("Big News"), h(sf.Text), b("x")}, []Block{sf, b("x")}},
		{"other heading", "Big News", []Block{h("Other"), b("x")}, []Block{h("Other"), b("x")}},
		{"prefix word", "Big Newsroom", []Block{h("Big News"), b("x")}, []Block{h("Big News"), b("x")}},
		{"not heading", "Big News", []Block{b("Big News")}, []Block{b("Big News")}},
		{"no title", "", []Block{h("Big News")}, []Block{h("Big News")}},
		{"late", "Big News", []Block{b("a"), b("b"), b("c"), h("Big News")}, []Block{b("a"), b("b"), b("c"), h("Big News")}},
	} {
		if got := dropHeadline(append([]Block(nil), tc.blocks...), tc.title); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: got\n%s\nwant\n%s", tc.name, dump(got), dump(tc.want))
		}
	}
}

func TestExtractDeterministic(t *testing.T) {
	a, errA := Extract(articlePage, Options{})
	b, errB := Extract(articlePage, Options{})
	if !reflect.DeepEqual(a, b) || (errA == nil) != (errB == nil) {
		t.Error("two runs differ")
	}
}
