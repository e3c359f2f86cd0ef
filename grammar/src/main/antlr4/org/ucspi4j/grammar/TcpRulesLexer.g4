/*
 * Lexer for one line of a tcprules file, after the line rules every dialect shares (comments, blank
 * lines, trailing-blank stripping) and after the dialect has chosen which ':' ends the address.
 * The input is the line's bytes, one char per byte (ISO-8859-1), so any byte 0x00-0xFF is a char.
 *
 * Modes follow the line left to right: the address (default mode), the separator ':' chosen by the
 * dialect, then the instructions: a decision word and ",NAME=QvalueQ" settings, where Q is any byte
 * and the value runs to the next Q.
 */
lexer grammar TcpRulesLexer;

@members {
    /** Char index of the ':' that ends the address, chosen by the dialect; -1 when lexing an address alone. */
    private int separator = -1;

    public void setSeparator(int index) {
        separator = index;
    }

    private boolean isSeparator() {
        return _tokenStartCharIndex == separator;
    }

    /**
     * Called after the opening quote Q of a value: consume up to and including the next Q. Without a
     * closing Q the token becomes UNTERMINATED, which no parser rule accepts.
     */
    private void readQuoted() {
        int quote = _input.LA(-1);
        for (;;) {
            int c = _input.LA(1);
            if (c == EOF) {
                setType(UNTERMINATED);
                break;
            }
            _input.consume();
            if (c == quote) {
                break;
            }
        }
        mode(INSTRUCTIONS);
    }
}

tokens { UNTERMINATED }

// ---- the address ----
// The separator is a ':' (or, in ucspi-tcp6, a ',' with no ':' before it) at the dialect's index.
SEP      : [:,] {isSeparator()}? -> mode(INSTRUCTIONS) ;
DIGITS   : [0-9]+ ;
DOT      : '.' ;
DASH     : '-' ;
SLASH    : '/' ;
AT       : '@' ;
EQUALS   : '=' ;
COLON    : ':' ;
ADDR_COMMA : ',' ;
// A NUL and what follows it up to the next '.', '-', ':' or ','. The C tools read the numbers of a
// range as C strings, so a NUL ends a number and whatever follows it up to the delimiter is ignored
// (1.2.3.4\0x-5 is the range 4-5). Before TEXT: on a tie the first rule wins.
NUL_TEXT : '\u0000' ~[.:,-]* ;
TEXT     : ~[0-9./@=:,-]+ ;

mode INSTRUCTIONS;
ALLOW    : 'allow' ;
DENY     : 'deny' ;
// ",NAME=" in one token (NAME: anything but '=', may be empty): the longest match wins over COMMA,
// so COMMA and mode NAME only see a ',' that no '=' follows, which no setting accepts.
SETTING_NAME : ',' ~'='* '=' -> mode(VALUE) ;
COMMA    : ',' -> mode(NAME) ;
JUNK     : . ;

mode NAME;
NAME_TEXT : ~'='+ ;
ASSIGN    : '=' -> mode(VALUE) ;

mode VALUE;
QUOTED   : . { readQuoted(); } ;
