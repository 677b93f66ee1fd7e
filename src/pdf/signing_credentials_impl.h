#pragma once

// The inside of SigningCredentials, for cms_signature.cpp. Private to src/pdf/.

#include "pdf/openssl_handles.h"
#include "pdf/signing_credentials.h"

namespace formpdf::pdf {

struct SigningCredentials::Impl {
    PkeyPtr key;
    X509Ptr certificate;
    X509StackPtr chain; // more certificates to embed; never null, may be empty
};

} // namespace formpdf::pdf
