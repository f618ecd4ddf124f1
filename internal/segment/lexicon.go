package segment

// abbrevKind says how a word written with a trailing period behaves.
type abbrevKind uint8

const (
	// notAbbrev: the period is ordinary punctuation.
	notAbbrev abbrevKind = iota
	// abbrevNoBreak: titles, months, initials, "e.g.": the period is part
	// of the token and never ends a sentence ("Gen. Allen", "Sept. 11").
	abbrevNoBreak
	// abbrevNumber: "No." and "Nos." are abbreviations only before a
	// number ("No. 10"); otherwise "no." is a word and a period.
	abbrevNumber
	// abbrevMaybe: company suffixes, "etc.", dotted acronyms, states: the
	// period is part of the token, and the token ends a sentence when the
	// next word is a typical sentence opener ("... with the U.S. The ...").
	abbrevMaybe
)

// abbrevs lists the words whose trailing period belongs to them. Keys are
// case-sensitive: "Gen." is a title, "gen." is not an abbreviation.
var abbrevs = map[string]abbrevKind{
	// Titles and ranks.
	"Mr": abbrevNoBreak, "Mrs": abbrevNoBreak, "Ms": abbrevNoBreak, "Dr": abbrevNoBreak,
	"Prof": abbrevNoBreak, "Gen": abbrevNoBreak, "Lt": abbrevNoBreak, "Col": abbrevNoBreak,
	"Maj": abbrevNoBreak, "Capt": abbrevNoBreak, "Sgt": abbrevNoBreak, "Adm": abbrevNoBreak,
	"Sen": abbrevNoBreak, "Rep": abbrevNoBreak, "Gov": abbrevNoBreak, "Pres": abbrevNoBreak,
	"St": abbrevNoBreak, "Rev": abbrevNoBreak, "Hon": abbrevNoBreak, "Messrs": abbrevNoBreak,
	"Mme": abbrevNoBreak, "Mlle": abbrevNoBreak, "Cmdr": abbrevNoBreak, "Brig": abbrevNoBreak,
	"Cpl": abbrevNoBreak, "Pvt": abbrevNoBreak, "Supt": abbrevNoBreak, "Gens": abbrevNoBreak,
	"Sens": abbrevNoBreak, "Reps": abbrevNoBreak, "Govs": abbrevNoBreak, "Det": abbrevNoBreak,
	"Insp": abbrevNoBreak, "Mt": abbrevNoBreak, "Ft": abbrevNoBreak,
	"MR": abbrevNoBreak, "DR": abbrevNoBreak, "mr": abbrevNoBreak, "dr": abbrevNoBreak,
	// Months (May, June and July are not abbreviated in news style).
	"Jan": abbrevNoBreak, "Feb": abbrevNoBreak, "Mar": abbrevNoBreak, "Apr": abbrevNoBreak,
	"Jun": abbrevNoBreak, "Jul": abbrevNoBreak, "Aug": abbrevNoBreak, "Sep": abbrevNoBreak,
	"Sept": abbrevNoBreak, "Oct": abbrevNoBreak, "Nov": abbrevNoBreak, "Dec": abbrevNoBreak,
	// Latin and reference abbreviations that sit inside a sentence.
	"e.g": abbrevNoBreak, "i.e": abbrevNoBreak, "E.g": abbrevNoBreak, "I.e": abbrevNoBreak,
	"vs": abbrevNoBreak, "Vs": abbrevNoBreak, "v": abbrevNoBreak, "viz": abbrevNoBreak,
	"cf": abbrevNoBreak, "approx": abbrevNoBreak, "Approx": abbrevNoBreak, "ca": abbrevNoBreak,
	"fig": abbrevNoBreak, "Fig": abbrevNoBreak, "vol": abbrevNoBreak, "Vol": abbrevNoBreak,
	"pp": abbrevNoBreak, "ext": abbrevNoBreak, "Ext": abbrevNoBreak, "Attn": abbrevNoBreak,
	// Numbers.
	"No": abbrevNumber, "Nos": abbrevNumber, "no": abbrevNumber,
	// Company suffixes and phrase-final abbreviations.
	"Inc": abbrevMaybe, "Corp": abbrevMaybe, "Ltd": abbrevMaybe, "Co": abbrevMaybe,
	"Cos": abbrevMaybe, "Bros": abbrevMaybe, "Jr": abbrevMaybe, "Sr": abbrevMaybe,
	"etc": abbrevMaybe, "Etc": abbrevMaybe, "al": abbrevMaybe, "Dept": abbrevMaybe,
	"Univ": abbrevMaybe, "Assn": abbrevMaybe, "Ave": abbrevMaybe, "Blvd": abbrevMaybe,
	"Rd": abbrevMaybe, "est": abbrevMaybe, "Est": abbrevMaybe, "yrs": abbrevMaybe,
	"hrs": abbrevMaybe, "mins": abbrevMaybe, "oz": abbrevMaybe, "lb": abbrevMaybe,
	"lbs": abbrevMaybe, "Govt": abbrevMaybe,
	// Weekdays (Sat. and Sun. are left out: too often words).
	"Mon": abbrevMaybe, "Tue": abbrevMaybe, "Tues": abbrevMaybe, "Wed": abbrevMaybe,
	"Thu": abbrevMaybe, "Thur": abbrevMaybe, "Thurs": abbrevMaybe, "Fri": abbrevMaybe,
	// US states in AP style, where unambiguous.
	"Ala": abbrevMaybe, "Ariz": abbrevMaybe, "Ark": abbrevMaybe, "Calif": abbrevMaybe,
	"Colo": abbrevMaybe, "Conn": abbrevMaybe, "Fla": abbrevMaybe, "Ga": abbrevMaybe,
	"Kan": abbrevMaybe, "Ky": abbrevMaybe, "Md": abbrevMaybe, "Mich": abbrevMaybe,
	"Minn": abbrevMaybe, "Neb": abbrevMaybe, "Nev": abbrevMaybe, "Okla": abbrevMaybe,
	"Ore": abbrevMaybe, "Tenn": abbrevMaybe, "Tex": abbrevMaybe, "Vt": abbrevMaybe,
	"Wis": abbrevMaybe, "Wyo": abbrevMaybe,
}

// boundPrefixes are the prefixes that EWT keeps attached to a lower-case
// stem across a hyphen ("e-mail", "co-workers", "non-human"). Before an
// upper-case stem the hyphen is split ("anti" "-" "IS") so that later
// stages see the name.
var boundPrefixes = map[string]bool{
	"e": true, "co": true, "pre": true, "post": true, "non": true, "mid": true,
	"re": true, "anti": true, "pro": true, "multi": true, "ex": true, "semi": true,
	"counter": true, "sub": true, "neo": true, "un": true, "socio": true,
	"psycho": true, "mis": true, "micro": true, "macro": true, "intra": true,
	"inter": true, "ultra": true, "extra": true, "bi": true, "tri": true,
}

// starters are words that typically open a sentence. After a dotted
// acronym or a company suffix ("the U.S.", "Apple Inc.") only these make
// the period end the sentence.
var starters = map[string]bool{
	"The": true, "It": true, "He": true, "She": true, "They": true, "We": true,
	"I": true, "But": true, "And": true, "In": true, "On": true, "A": true,
	"An": true, "This": true, "That": true, "These": true, "Those": true,
	"There": true, "His": true, "Her": true, "Its": true, "Their": true,
	"Our": true, "My": true, "You": true, "As": true, "At": true, "For": true,
	"If": true, "When": true, "While": true, "After": true, "Before": true,
	"However": true, "Meanwhile": true, "Yet": true, "So": true, "Some": true,
	"Many": true, "Most": true, "All": true, "Both": true, "Also": true,
	"Earlier": true, "Later": true, "According": true, "Since": true,
	"Although": true, "Though": true, "Despite": true, "During": true,
	"What": true, "Why": true, "How": true, "Who": true, "Where": true,
	"Officials": true, "Now": true, "Then": true, "Still": true, "Instead": true,
	"Thus": true, "Please": true, "Thanks": true, "Thank": true, "Here": true,
	"Such": true, "No": true, "One": true, "Two": true, "Under": true,
	"With": true, "Without": true, "From": true, "By": true, "To": true,
}

// speechVerbs are attribution verbs. A quote ending in ? or ! followed by
// a capitalised name and one of them ("?” Kerry asked.) does not end the
// sentence.
var speechVerbs = map[string]bool{
	"said": true, "says": true, "told": true, "tells": true, "asked": true,
	"asks": true, "added": true, "adds": true, "wrote": true, "writes": true,
	"tweeted": true, "explained": true, "insisted": true, "declared": true,
	"shouted": true, "replied": true, "warned": true, "stressed": true,
	"noted": true, "continued": true, "exclaimed": true, "demanded": true,
	"wondered": true, "urged": true, "argued": true, "recalled": true,
	"cried": true, "yelled": true, "responded": true, "announced": true,
}

// ntWords are negated auxiliaries written without an apostrophe, which
// EWT splits like their spelled-out forms ("dont" -> "do" "nt"). "cant"
// and "wont" are left out: they are also words.
var ntWords = map[string]bool{
	"dont": true, "doesnt": true, "didnt": true, "isnt": true, "wasnt": true,
	"arent": true, "werent": true, "couldnt": true, "wouldnt": true,
	"shouldnt": true, "havent": true, "hasnt": true, "hadnt": true,
}
