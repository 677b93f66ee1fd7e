// The formpdf program: every command but serve, import and workbook runs here; those three are
// parsed here (their usage errors and help come from this program) and then run in the helper
// program, which this one becomes (helper_program.h).

#include "cli/helper_program.h"
#include "cli/program.h"

int main(int argc, char** argv) {
    using namespace formpdf::cli;
    const auto in_helper = [argv](const std::string& command) {
        return [argv, command](const auto&) { return run_helper_program(command, argv); };
    };
    return run_program(argc, argv,
                       {.serve = in_helper("serve"),
                        .import = in_helper("import"),
                        .workbook = in_helper("workbook")});
}
