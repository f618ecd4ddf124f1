package segment

import (
	"reflect"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/model"
)

// tokenTexts returns the text of each token.
func tokenTexts(s string, toks []model.Token) []string {
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Span.In(s)
	}
	return out
}

// oneParagraph builds an article whose whole text is one paragraph.
func oneParagraph(text string) *model.Article {
	return &model.Article{
		Text:       text,
		Paragraphs: []model.Paragraph{{Span: model.Span{Start: 0, End: len(text)}, Raw: model.NoSpan, Kind: model.KindBody}},
	}
}

func sentenceTexts(a *model.Article) []string {
	out := make([]string, len(a.Sentences))
	for i, s := range a.Sentences {
		out[i] = s.Span.In(a.Text)
	}
	return out
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		name, in string
		want     string // tokens joined by " | "
	}{
		{"punctuation", `Hello, world! (Yes); no: "ok"?`, `Hello | , | world | ! | ( | Yes | ) | ; | no | : | " | ok | " | ?`},
		{"don't", "I don't know", "I | do | n't | know"},
		{"can't", "They can't go", "They | ca | n't | go"},
		{"won't", "It won't", "It | wo | n't"},
		{"upper n't", "DON'T", "DO | N'T"},
		{"curly n't", "didn’t", "did | n’t"},
		{"I'm", "I'm here", "I | 'm | here"},
		{"we're", "we're late", "we | 're | late"},
		{"it's", "it's fine", "it | 's | fine"},
		{"'ll 've 'd", "we'll they've she'd", "we | 'll | they | 've | she | 'd"},
		{"possessive", "Iran's leader", "Iran | 's | leader"},
		{"curly possessive", "Assad’s forces", "Assad | ’s | forces"},
		{"plural possessive", "the leaders' talks", "the | leaders | ' | talks"},
		{"acronym possessive", "ISIS' attack", "ISIS | ' | attack"},
		{"apostrophe inside name", "O'Brien and Shi’ite", "O'Brien | and | Shi’ite"},
		{"decade plural", "the 1990's and '80s in '73", "the | 1990's | and | '80s | in | '73"},
		{"single quotes", "‘Either you’re with us’.", "‘ | Either | you | ’re | with | us | ’ | ."},
		{"US-led", "US-led coalition", "US | - | led | coalition"},
		{"well-known", "well-known", "well | - | known"},
		{"anti-IS", "anti-IS coalition", "anti | - | IS | coalition"},
		{"bound prefix", "e-mail co-workers non-human re-establishing", "e-mail | co-workers | non-human | re-establishing"},
		{"prefix before name", "non-Sunnis anti-Assad", "non | - | Sunnis | anti | - | Assad"},
		{"long compound", "three-and-a-half-year", "three | - | and | - | a | - | half | - | year"},
		{"number compound", "a 40-year-old man", "a | 40 | - | year | - | old | man"},
		{"score and range", "won 5-3 in 1969-1970", "won | 5 | - | 3 | in | 1969 | - | 1970"},
		{"phone and date", "call 713-853-3989 or 555-1234 on 2014-09-15 or 01-Feb-02", "call | 713-853-3989 | or | 555-1234 | on | 2014-09-15 | or | 01-Feb-02"},
		{"dotted abbreviations", "U.S. Mr. Smith at 8 a.m. e.g. this", "U.S. | Mr. | Smith | at | 8 | a.m. | e.g. | this"},
		{"initial", "John F. Kennedy", "John | F. | Kennedy"},
		{"pronoun is no initial", "So do I.", "So | do | I | ."},
		{"No before number", "No. 10 and no.", "No. | 10 | and | no | ."},
		{"final period", "He left.", "He | left | ."},
		{"acronym before hyphen", "the U.S.-led campaign", "the | U.S. | - | led | campaign"},
		{"numbers", "1,400 people, 3.5% and $5,000 at 8:01", "1,400 | people | , | 3.5 | % | and | $ | 5,000 | at | 8:01"},
		{"big number", "3,993,310 units", "3,993,310 | units"},
		{"comma not thousands", "August 11,2000", "August | 11 | , | 2000"},
		{"dates with slashes", "on 9/11 and 02/13/2001", "on | 9/11 | and | 02/13/2001"},
		{"am pm", "at 5pm or 11:30am", "at | 5 | pm | or | 11:30 | am"},
		{"cannot gonna", "I cannot, gonna try", "I | can | not | , | gon | na | try"},
		{"no apostrophe", "I dont know", "I | do | nt | know"},
		{"url", "see http://www.example.com/a_(b)?x=1.", "see | http://www.example.com/a_(b)?x=1 | ."},
		{"url in parens", "(https://example.org/path)", "( | https://example.org/path | )"},
		{"www", "www.example.org, then", "www.example.org | , | then"},
		{"email", "write to jane.doe@example.co.uk.", "write | to | jane.doe@example.co.uk | ."},
		{"domain", "latimes.com reported", "latimes.com | reported"},
		{"ellipsis", "wait... now… then..", "wait | ... | now | … | then | .."},
		{"terminal runs", "What?! No!!!", "What | ?! | No | !!!"},
		{"dashes", "Pakistan — bomb – now -- or ---", "Pakistan | — | bomb | – | now | -- | or | ---"},
		{"glued em dash", "war—again", "war | — | again"},
		{"emoticon", "great :) really", "great | :) | really"},
		{"curly quotes", "“Yes,” he said", "“ | Yes | , | ” | he | said"},
		{"ampersand", "AT&T and Q&A, rock & roll", "AT&T | and | Q&A | , | rock | & | roll"},
		{"slash words", "and/or", "and | / | or"},
		{"nbsp", "a\u00a0b\u2009c", "a | b | c"},
		{"zero width", "a\u200bb\ufeff", "a | b"},
		{"control", "a\x00b\x1fc", "a | b | c"},
		{"invalid utf8", "ab\xffcd \xfe", "ab\xffcd | \xfe"},
		{"accents", "Café déjà-vu", "Café | déjà | - | vu"},
		{"empty", "", ""},
		{"only space", " \t\n\u00a0", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := strings.Join(tokenTexts(tt.in, Tokenize(tt.in)), " | ")
			if got != tt.want {
				t.Errorf("Tokenize(%q)\n got %s\nwant %s", tt.in, got, tt.want)
			}
		})
	}
}

func TestTokenizeSpans(t *testing.T) {
	in := "“It’s Iran’s,” he said.\u00a0"
	want := []model.Token{
		{Span: model.Span{Start: 0, End: 3}},                     // “
		{Span: model.Span{Start: 3, End: 5}},                     // It
		{Span: model.Span{Start: 5, End: 9}, SpaceAfter: true},   // ’s
		{Span: model.Span{Start: 10, End: 14}},                   // Iran
		{Span: model.Span{Start: 14, End: 18}},                   // ’s
		{Span: model.Span{Start: 18, End: 19}},                   // ,
		{Span: model.Span{Start: 19, End: 22}, SpaceAfter: true}, // ”
		{Span: model.Span{Start: 23, End: 25}, SpaceAfter: true}, // he
		{Span: model.Span{Start: 26, End: 30}},                   // said
		{Span: model.Span{Start: 30, End: 31}, SpaceAfter: true}, // .
	}
	got := Tokenize(in)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Tokenize(%q)\n got %v\nwant %v\n(texts %q)", in, got, want, tokenTexts(in, got))
	}
}

func TestSegmentSentences(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"simple", "It rained. We left! Why? Because.", []string{"It rained.", "We left!", "Why?", "Because."}},
		{"no terminal", "Iran rejects coalition", []string{"Iran rejects coalition"}},
		{"lower-case next", "He said no. and left", []string{"He said no. and left"}},
		{"digit start", "It ended. 30 people died.", []string{"It ended.", "30 people died."}},
		{"quote start", `It ended. "We won," he said.`, []string{"It ended.", `"We won," he said.`}},
		{"bracket start", "It ended. (Reuters reported it.)", []string{"It ended.", "(Reuters reported it.)"}},
		{"closing quote ends", `He said "we won." Then he left.`, []string{`He said "we won."`, "Then he left."}},
		{"closing bracket ends", "It ended (finally.) Then rain.", []string{"It ended (finally.)", "Then rain."}},
		{"titles", "Mr. Smith met Dr. Jones and Gen. Allen, Sen. Kerry, Rep. Lee and Lt. Col. Maj. Capt. Sgt. Adm. Gov. Pres. Rev. Hon. St. Louis.", []string{"Mr. Smith met Dr. Jones and Gen. Allen, Sen. Kerry, Rep. Lee and Lt. Col. Maj. Capt. Sgt. Adm. Gov. Pres. Rev. Hon. St. Louis."}},
		{"Mrs Ms Prof Jr Sr", "Mrs. Ray and Ms. Day met Prof. Kay and John Doe Jr. Tuesday.", []string{"Mrs. Ray and Ms. Day met Prof. Kay and John Doe Jr. Tuesday."}},
		{"No before digit", "He lives at No. 10 Downing Street.", []string{"He lives at No. 10 Downing Street."}},
		{"no as word", "He said no. The talks ended.", []string{"He said no.", "The talks ended."}},
		{"months", "On Jan. 5 and Feb. 6 and Aug. 7 and Sept. 11 they met.", []string{"On Jan. 5 and Feb. 6 and Aug. 7 and Sept. 11 they met."}},
		{"company", "Acme Inc. Chairman Roe and Foo Corp. Director Bar of Baz Ltd. Board and Qux Co. Staff met.", []string{"Acme Inc. Chairman Roe and Foo Corp. Director Bar of Baz Ltd. Board and Qux Co. Staff met."}},
		{"company then starter", "He works for Acme Inc. The firm is small.", []string{"He works for Acme Inc.", "The firm is small."}},
		{"vs etc eg ie approx", "Iraq vs. Iran, guns etc. Mostly rifles, e.g. AK-47s, i.e. Russian ones, approx. 300.", []string{"Iraq vs. Iran, guns etc. Mostly rifles, e.g. AK-47s, i.e. Russian ones, approx. 300."}},
		{"initials", "John F. Kennedy and George W. Bush met.", []string{"John F. Kennedy and George W. Bush met."}},
		{"acronym mid-sentence", "the U.S. Central Command said on Monday.", []string{"the U.S. Central Command said on Monday."}},
		{"acronym then starter", "talks with the U.S. The talks resumed.", []string{"talks with the U.S.", "The talks resumed."}},
		{"more acronyms", "The U.N. Security Council, the U.K. Foreign Office and E.U. States met.", []string{"The U.N. Security Council, the U.K. Foreign Office and E.U. States met."}},
		{"acronym then He", "He flew to the U.K. He met May.", []string{"He flew to the U.K.", "He met May."}},
		{"time abbreviation", "It began at 8:01 a.m. The talks ran late.", []string{"It began at 8:01 a.m.", "The talks ran late."}},
		{"decimals", "Growth was 3.5 percent. Inflation was 2.1 percent.", []string{"Growth was 3.5 percent.", "Inflation was 2.1 percent."}},
		{"double period", "targets in Syria.. The U.S. House will vote.", []string{"targets in Syria..", "The U.S. House will vote."}},
		{"ellipsis lower", "The alliance… didn’t manage it.", []string{"The alliance… didn’t manage it."}},
		{"ellipsis upper", "He waited… Nothing came.", []string{"He waited…", "Nothing came."}},
		{"Kerry", `"We will not be coordinating with Iran," Kerry told reporters. "But we are open."`, []string{`"We will not be coordinating with Iran," Kerry told reporters.`, `"But we are open."`}},
		{"Khamenei", "“I said no, because they have dirty hands,” said Khamenei, who has the final say.", []string{"“I said no, because they have dirty hands,” said Khamenei, who has the final say."}},
		{"Caliphate", "“Today it's Iraq. But the Caliphate is the whole of the region.”", []string{"“Today it's Iraq.", "But the Caliphate is the whole of the region.”"}},
		{"quote then he said", `"We will win." he said.`, []string{`"We will win." he said.`}},
		{"question then attribution", "“Why?” Kerry asked. “Because,” Zarif said.", []string{"“Why?” Kerry asked.", "“Because,” Zarif said."}},
		{"exclamation then attribution", "“Never!” John Kerry told reporters.", []string{"“Never!” John Kerry told reporters."}},
		{"question quote then sentence", "“Why?” The question hung.", []string{"“Why?”", "The question hung."}},
		{"quote inside quote", "He said: ‘Either you’re with us or we kill you’. When one is faced with it, fight.", []string{"He said: ‘Either you’re with us or we kill you’.", "When one is faced with it, fight."}},
		{"dashes", "The countries – while supporting action – made no mention. Syria — again — was left out.", []string{"The countries – while supporting action – made no mention.", "Syria — again — was left out."}},
		{"newline is space", "The talks\nresumed on Monday.", []string{"The talks\nresumed on Monday."}},
		{"newline after terminal", "The talks ended.\nthen rain", []string{"The talks ended.", "then rain"}},
		{"newline after abbreviation", "Mr.\nCameron spoke.", []string{"Mr.\nCameron spoke."}},
		{"blank line", "First part\n\nsecond part", []string{"First part", "second part"}},
		{"whitespace trimmed", "\u00a0 \tHe left. \u00a0She stayed.\u00a0\n ", []string{"He left.", "She stayed."}},
		{"glued", "It ended.Then rain.", []string{"It ended.Then rain."}},
		{"url", "See http://example.com/a.b. Then go.", []string{"See http://example.com/a.b.", "Then go."}},
		{"multiple marks", "Really?! Yes!!! Ok.", []string{"Really?!", "Yes!!!", "Ok."}},
		{"empty", "", nil},
		{"spaces", " \n\t ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := oneParagraph(tt.in)
			Segment(a, Options{})
			checkInvariants(t, a)
			got := sentenceTexts(a)
			if len(got) == 0 && len(tt.want) == 0 {
				return
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Segment(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSentenceFinalAbbreviation(t *testing.T) {
	// A sentence-final abbreviation gives up its period, as in EWT.
	a := oneParagraph("They live in the U.S. The weather is fine. Ask Mr. Smith at Acme Inc.")
	Segment(a, Options{})
	checkInvariants(t, a)
	var got []string
	for i := range a.Sentences {
		got = append(got, strings.Join(tokenTexts(a.Text, a.SentenceTokens(i)), " "))
	}
	want := []string{"They live in the U.S .", "The weather is fine .", "Ask Mr. Smith at Acme Inc ."}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
	if tok := a.Tokens[4]; tok.SpaceAfter || tok.Span.In(a.Text) != "U.S" {
		t.Errorf("token 4 = %q SpaceAfter=%v, want \"U.S\" without space after", tok.Span.In(a.Text), tok.SpaceAfter)
	}
}

func TestSegmentParagraphs(t *testing.T) {
	text := "  Title without stop\n\nFirst one. Second one.\n\nLast"
	a := &model.Article{Text: text}
	for _, p := range []string{"Title without stop", "First one. Second one.", "Last"} {
		i := strings.Index(text, p)
		a.Paragraphs = append(a.Paragraphs, model.Paragraph{Span: model.Span{Start: i, End: i + len(p)}, Raw: model.NoSpan})
	}
	// Include the leading spaces in the first paragraph: they must not
	// reach the sentence.
	a.Paragraphs[0].Span.Start = 0
	a.Sentences = []model.Sentence{{Span: model.Span{Start: 99, End: 100}}}
	a.Tokens = []model.Token{{Span: model.Span{Start: 99, End: 100}}}
	Segment(a, Options{})
	checkInvariants(t, a)
	got := sentenceTexts(a)
	want := []string{"Title without stop", "First one.", "Second one.", "Last"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %q, want %q", got, want)
	}
	for i, p := range []int{0, 1, 1, 2} {
		if a.Sentences[i].Paragraph != p {
			t.Errorf("sentence %d paragraph = %d, want %d", i, a.Sentences[i].Paragraph, p)
		}
	}
}

func TestSegmentBadParagraphs(t *testing.T) {
	text := "One two. Three four. Five."
	tests := []struct {
		name  string
		spans []model.Span
		want  []string
	}{
		{"none", nil, nil},
		{"out of bounds", []model.Span{{Start: -5, End: 1000}}, []string{"One two.", "Three four.", "Five."}},
		{"invalid", []model.Span{model.NoSpan, {Start: 9, End: 3}}, nil},
		{"overlapping", []model.Span{{Start: 0, End: 12}, {Start: 4, End: 26}}, []string{"One two.", "Thr", "ee four.", "Five."}},
		{"unordered", []model.Span{{Start: 9, End: 26}, {Start: 0, End: 8}}, []string{"Three four.", "Five."}},
		{"mid-rune", []model.Span{{Start: 1, End: 2}}, []string{"n"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := &model.Article{Text: text}
			for _, s := range tt.spans {
				a.Paragraphs = append(a.Paragraphs, model.Paragraph{Span: s})
			}
			Segment(a, Options{})
			checkInvariants(t, a)
			if got := sentenceTexts(a); !reflect.DeepEqual(got, tt.want) && (len(got) != 0 || len(tt.want) != 0) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestMaxSentenceBytes(t *testing.T) {
	text := strings.Repeat("word ", 1000) + "end."
	a := oneParagraph(text)
	Segment(a, Options{MaxSentenceBytes: 52})
	checkInvariants(t, a)
	if len(a.Sentences) < 90 {
		t.Fatalf("got %d sentences, want about %d", len(a.Sentences), len(text)/52)
	}
	for i, s := range a.Sentences {
		if s.Span.Len() > 52 {
			t.Errorf("sentence %d is %d bytes, over the cap", i, s.Span.Len())
		}
	}
	// The default cap applies to the zero Options.
	a = oneParagraph(strings.Repeat("word ", 2000))
	Segment(a, Options{})
	checkInvariants(t, a)
	for i, s := range a.Sentences {
		if s.Span.Len() > DefaultMaxSentenceBytes {
			t.Errorf("sentence %d is %d bytes, over the default cap", i, s.Span.Len())
		}
	}
	// A token longer than the cap stays whole.
	long := strings.Repeat("x", 300)
	a = oneParagraph("a " + long + " b")
	Segment(a, Options{MaxSentenceBytes: 10})
	checkInvariants(t, a)
	if got := sentenceTexts(a); !reflect.DeepEqual(got, []string{"a", long, "b"}) {
		t.Errorf("got %q", got)
	}
}

// TestLinear guards against quadratic behaviour on pathological input:
// tokens and sentences must be produced in time proportional to the text.
func TestLinear(t *testing.T) {
	inputs := []string{
		strings.Repeat("a-", 200000),
		strings.Repeat("a.", 200000),
		strings.Repeat("1,", 200000),
		strings.Repeat("x@", 100000) + "y.com",
		"http://" + strings.Repeat("(", 100000) + strings.Repeat(")", 100000),
		strings.Repeat("No.", 100000),
		strings.Repeat("U.S. The ", 50000),
		strings.Repeat("?” ", 100000),
		strings.Repeat("'", 200000),
		strings.Repeat("\xff", 200000),
	}
	for _, in := range inputs {
		a := oneParagraph(in)
		Segment(a, Options{})
		checkInvariants(t, a)
	}
}
