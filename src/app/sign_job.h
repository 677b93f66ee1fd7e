#pragma once

#include "app/job_result.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace formpdf::app {

// Where a visible signature goes: a page (1-based) and a box in mm from the page's top-left
// corner, given with --visible or found from a box the layout named (--box).
struct SignatureBox {
    int page = 1;
    double x_mm = 0;
    double y_mm = 0;
    double width_mm = 0;
    double height_mm = 0;
};

struct SignRequest {
    std::filesystem::path input;  // the PDF to sign
    std::filesystem::path output; // the signed PDF (input bytes + one incremental update)

    // Either a PKCS#12 file, or a PEM certificate and key; an optional PEM chain in both cases.
    std::optional<std::filesystem::path> p12;
    std::optional<std::filesystem::path> cert;
    std::optional<std::filesystem::path> key;
    std::optional<std::filesystem::path> chain;
    // The key's password: the first line of password_file when given, else password_env (the
    // value of FORMPDF_KEY_PASSWORD), else none. Never taken from the command line.
    std::optional<std::filesystem::path> password_file;
    std::optional<std::string> password_env;

    bool legacy_pkcs7 = false; // /SubFilter /adbe.pkcs7.detached instead of PAdES B-B
    std::string field_name;    // "" → Signature1, Signature2, ...
    std::string reason;
    std::string location;
    std::string contact_info;
    // Seconds since the epoch, UTC: the CLI passes the real clock, never SOURCE_DATE_EPOCH (a
    // signature's time is a claim; the certificate is checked at it).
    std::int64_t signing_time = 0;

    // A visible signature: the box, the text (default "<signer CN>\n<YYYY-MM-DD>"), and the
    // layout whose "body" style and fonts draw it (default: the built-in layout defaults).
    std::optional<SignatureBox> visible;
    // Or the box a layout named (a table cell with `name: unit-seal`), read from the input PDF's
    // named destinations: where the form prints the 单位盖章 area, whatever the data made its
    // position.
    std::optional<std::string> box_name;
    std::optional<std::string> visible_text;
    std::optional<std::filesystem::path> layout;
    std::vector<std::filesystem::path> font_dirs;
    bool system_fonts = true;
};

// Loads and checks the credentials, signs, and writes the output atomically: on any error (wrong
// password, a key that does not match the certificate, an expired certificate, a damaged input)
// nothing is written and an existing output file is left as it was.
JobResult sign(const SignRequest& request);

} // namespace formpdf::app
