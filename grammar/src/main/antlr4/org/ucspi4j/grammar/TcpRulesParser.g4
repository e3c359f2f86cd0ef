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
addressPart : DIGITS | DOT | DASH | SLASH | AT | EQUALS | COLON | ADDR_COMMA | NUL_TEXT | TEXT ;

decision    : ALLOW | DENY ;

// ",NAME=QvalueQ": NAME may be empty and hold anything but '='; the value may be empty.
setting     : COMMA name=NAME_TEXT? ASSIGN value=QUOTED ;

// "A.B.C.low-high.D": low and high are all digits or empty (empty counts as 0). Only the first
// dash counts; the head ends at the last dot before it, the tail starts at the first dot after it.
// Each number is read as a C string: a NUL ends it, and what follows the NUL in its part is ignored.
rangeForm   : rangeHead? low=DIGITS? lowIgnored? DASH high=DIGITS? highIgnored? rangeTail? EOF ;
rangeHead   : ~DASH* DOT ;
lowIgnored  : NUL_TEXT ~(DOT | DASH)* ;
highIgnored : NUL_TEXT ~DOT* ;
rangeTail   : DOT .*? ;
