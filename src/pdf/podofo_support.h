#pragma once

// Small shared pieces of the PoDoFo side of the PDF stage: its exception as one line of text, and
// numbers written exactly. Private to src/pdf/.

#include <memory>
#include <mutex>
#include <string>

namespace PoDoFo {
class PdfError;
class PdfMemDocument;
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

// PoDoFo stamps every new document's Info with the clock through localtime(), whose result buffer
// all threads share: batch workers creating their forms' documents at the same time raced on it
// (ThreadSanitizer, in PdfDate::CreateStringRepresentation). Hold this lock while a PoDoFo
// document is constructed; nothing else in PoDoFo reads the clock.
[[nodiscard]] std::unique_lock<std::mutex> document_creation_lock();

// A new in-memory document (to build, or to load a file into), made under that lock.
std::unique_ptr<PoDoFo::PdfMemDocument> new_memory_document();

} // namespace formpdf::pdf
