/*
 * One tcprules line (see TcpRulesLexer): address, separator, decision, settings. Entry rules:
 *   line         - a whole rule line;
 *   instructions - what follows the separator, lexed from mode INSTRUCTIONS on. Every address lexes
 *                  and parses (addressPart takes every token of the default mode), so a line parses
 *                  exactly when its instructions do: the compiler parses only those;
 *   rangeForm    - an address alone, read as a 0.88 range (FIRST-LAST inside one dotted part).
 * Which address form applies (verbatim, range, CIDR, IPv6, info@) is the dialect's choice; the
 * compiler asks for rangeForm only where the dialect expands ranges.
 */
parser grammar TcpRulesParser;

options { tokenVocab = TcpRulesLexer; }

line        : address SEP instructions ;

// Labels name every part the compiler reads, so that it can parse without building a tree.
instructions : verdict=decision (settings+=setting)* EOF ;

address     : addressPart* ;
addressPart : DIGITS | DOT | DASH | SLASH | AT | EQUALS | COLON | ADDR_COMMA | NUL_TEXT | TEXT ;

decision    : word=(ALLOW | DENY) ;

// ",NAME=QvalueQ": NAME may be empty and hold anything but '='; the value may be empty. The lexer
// reads ",NAME=" as one SETTING_NAME whenever the '=' is there; the second form is what a ',' without
// a '=' after it becomes, so that such a line fails where it always did (at the end of the line).
setting     : head=SETTING_NAME value=QUOTED
            | COMMA name=NAME_TEXT? ASSIGN value=QUOTED
            ;

// "A.B.C.low-high.D": low and high are all digits or empty (empty counts as 0). Only the first
// dash counts; the head ends at the last dot before it, the tail starts at the first dot after it.
// Each number is read as a C string: a NUL ends it, and what follows the NUL in its part is ignored.
rangeForm   : head=rangeHead? low=DIGITS? lowIgnored? dash=DASH high=DIGITS? highIgnored? tail=rangeTail? EOF ;
rangeHead   : ~DASH* DOT ;
lowIgnored  : NUL_TEXT ~(DOT | DASH)* ;
highIgnored : NUL_TEXT ~DOT* ;
rangeTail   : DOT .*? ;
