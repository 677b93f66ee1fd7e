#pragma once

// Small shared pieces of the PoDoFo side of the PDF stage: its exception as one line of text, and
// numbers written exactly. Private to src/pdf/.

#include <string>

namespace PoDoFo {
class PdfError;
class PdfObject;
class PdfArray;
} // namespace PoDoFo

namespace formpdf::pdf {

// "PoDoFo: <error name>: <details from the call stack>"
std::string podofo_message(const PoDoFo::PdfError& error);

// A number for a PDF dictionary, rounded to 1/1000 and written as an integer when it is whole.
// (PoDoFo's PdfRect rounds to whole points; A4 is 595.276 x 841.89, so boxes are written with
// this.)
PoDoFo::PdfObject pdf_number(double value);

// [0 0 width height], each number as pdf_number() writes it.
PoDoFo::PdfArray media_box(double width, double height);

// Turns off PoDoFo's messages on stderr (its parser prints every trailer it reads): the PDF stage
// reports problems as exceptions, and the CLI prints them as diagnostics.
void silence_podofo();

} // namespace formpdf::pdf
