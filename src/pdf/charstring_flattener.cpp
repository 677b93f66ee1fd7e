#include "pdf/charstring_flattener.h"

namespace formpdf::pdf {
namespace {

using cff::IndexView;
using cff::Malformed;
using cff::put_operator;
using cff::read_be;

// Type 2 charstring nesting limit (TN #5177 Appendix B) and operand stack size.
constexpr int kMaxSubrDepth = 10;
constexpr int kMaxStack = 48;

// Subroutine numbers are biased by the size of their INDEX (TN #5177 4.7).
int subr_bias(std::uint32_t count) {
    return count < 1240 ? 107 : count < 33900 ? 1131 : 32768;
}

// Inlines a glyph's subroutine calls. Operands and operators are copied byte for byte; only
// callsubr/callgsubr, their subroutine number and return disappear. Hint masks follow their
// operator with one bit per stem, so stems are counted as the charstring is read.
class Flattener {
public:
    Flattener(const IndexView& local_subrs, const IndexView& global_subrs)
        : local_subrs_(local_subrs), global_subrs_(global_subrs) {}

    bool flatten(std::string_view charstring) { return run(charstring, 0) && ended_; }
    std::string take() { return std::move(out_); }

private:
    struct Operand {
        std::size_t start; // where it begins in out_
        long value;
        bool integer;
    };

    bool run(std::string_view cs, int depth) {
        std::size_t pos = 0;
        while (pos < cs.size()) {
            const unsigned b0 = static_cast<unsigned char>(cs[pos]);
            if (b0 == 28 || b0 >= 32) {
                if (!push_operand(cs, &pos, b0)) {
                    return false;
                }
                continue;
            }
            ++pos;
            int op = static_cast<int>(b0);
            if (b0 == 12) {
                if (pos >= cs.size()) {
                    return false;
                }
                op = 1200 + static_cast<unsigned char>(cs[pos++]);
            }
            switch (op) {
            case 10:   // callsubr
            case 29: { // callgsubr
                if (stack_size_ == 0 || depth >= kMaxSubrDepth) {
                    return false;
                }
                const Operand number = stack_[--stack_size_];
                if (!number.integer) {
                    return false;
                }
                out_.resize(number.start);
                const IndexView& subrs = op == 10 ? local_subrs_ : global_subrs_;
                const long index = number.value + subr_bias(subrs.count);
                if (index < 0 || index >= static_cast<long>(subrs.count)) {
                    return false;
                }
                if (!run(subrs.at(static_cast<std::uint32_t>(index)), depth + 1)) {
                    return false;
                }
                if (ended_) {
                    return true;
                }
                break;
            }
            case 11: // return
                return depth > 0;
            case 14: // endchar; 4 or 5 operands would be the seac form, not for CID fonts
                if (stack_size_ >= 4) {
                    return false;
                }
                out_.push_back(14);
                ended_ = true;
                return true;
            case 1:  // hstem
            case 3:  // vstem
            case 18: // hstemhm
            case 23: // vstemhm
                stems_ += stack_size_ / 2;
                out_.push_back(static_cast<char>(op));
                stack_size_ = 0;
                break;
            case 19: {                     // hintmask
            case 20:                       // cntrmask
                stems_ += stack_size_ / 2; // operands before a mask are an implied vstemhm
                out_.push_back(static_cast<char>(op));
                stack_size_ = 0;
                const std::size_t mask_bytes = static_cast<std::size_t>(stems_ + 7) / 8;
                if (cs.size() - pos < mask_bytes) {
                    return false;
                }
                out_.append(cs.substr(pos, mask_bytes));
                pos += mask_bytes;
                break;
            }
            case 4:
            case 5:
            case 6:
            case 7:
            case 8:
            case 21:
            case 22:
            case 24:
            case 25:
            case 26:
            case 27:
            case 30:
            case 31: // path construction
            case 1234:
            case 1235:
            case 1236:
            case 1237: // hflex, flex, hflex1, flex1
                put_operator(out_, op);
                stack_size_ = 0;
                break;
            default: // arithmetic, storage, conditionals, reserved: not inlined here
                return false;
            }
        }
        // A subroutine may end without return; a glyph must end with endchar.
        return depth > 0;
    }

    bool push_operand(std::string_view cs, std::size_t* pos, unsigned b0) {
        std::size_t length = 1;
        long value = 0;
        bool integer = true;
        const std::size_t left = cs.size() - *pos;
        if (b0 == 28) {
            length = 3;
            if (left < length) {
                return false;
            }
            value = static_cast<std::int16_t>(read_be(cs, *pos + 1, 2));
        } else if (b0 <= 246) {
            value = static_cast<long>(b0) - 139;
        } else if (b0 <= 254) {
            length = 2;
            if (left < length) {
                return false;
            }
            const long b1 = static_cast<unsigned char>(cs[*pos + 1]);
            value = b0 <= 250 ? (static_cast<long>(b0) - 247) * 256 + b1 + 108
                              : -(static_cast<long>(b0) - 251) * 256 - b1 - 108;
        } else { // 255: 16.16 fixed
            length = 5;
            if (left < length) {
                return false;
            }
            const auto fixed = static_cast<std::int32_t>(read_be(cs, *pos + 1, 4));
            value = fixed / 65536;
            integer = fixed % 65536 == 0;
        }
        if (stack_size_ == kMaxStack) {
            return false;
        }
        stack_[stack_size_++] = {out_.size(), value, integer};
        out_.append(cs.substr(*pos, length));
        *pos += length;
        return true;
    }

    const IndexView& local_subrs_;
    const IndexView& global_subrs_;
    std::string out_;
    Operand stack_[kMaxStack] = {};
    int stack_size_ = 0;
    int stems_ = 0;
    bool ended_ = false;
};

} // namespace

std::optional<std::string> flatten_charstring(std::string_view charstring,
                                              const cff::IndexView& local_subrs,
                                              const cff::IndexView& global_subrs) {
    Flattener flattener(local_subrs, global_subrs);
    try {
        if (flattener.flatten(charstring)) {
            return flattener.take();
        }
    } catch (const Malformed&) {
        // a subroutine INDEX that does not hold together: not flattened, like any other refusal
    }
    return std::nullopt;
}

} // namespace formpdf::pdf
