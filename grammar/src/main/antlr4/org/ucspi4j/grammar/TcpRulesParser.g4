/*
 * One tcprules line (see TcpRulesLexer): address, separator, decision, settings. Entry rules:
 *   line      - a whole rule line;
 *   rangeForm - an address alone, read as a 0.88 range (FIRST-LAST inside one dotted part).
 * Which address form applies (verbatim, range, CIDR, IPv6, info@) is the dialect's choice; the
 * compiler asks for rangeForm only where the dialect expands ranges.
 */
parser grammar TcpRulesParser;

options { tokenVocab = TcpRulesLexer; }

line        : address SEP decision setting* EOF ;

address     : addressPart* ;
addressPart : DIGITS | DOT | DASH | SLASH | AT | EQUALS | COLON | ADDR_COMMA | TEXT ;

decision    : ALLOW | DENY ;

// ",NAME=QvalueQ": NAME may be empty and hold anything but '='; the value may be empty.
setting     : COMMA name=NAME_TEXT? ASSIGN value=QUOTED ;

// "A.B.C.low-high.D": low and high are all digits or empty (empty counts as 0). Only the first
// dash counts; the head ends at the last dot before it, the tail starts at the first dot after it.
rangeForm   : rangeHead? low=DIGITS? DASH high=DIGITS? rangeTail? EOF ;
rangeHead   : ~DASH* DOT ;
rangeTail   : DOT .*? ;
