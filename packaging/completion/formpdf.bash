# bash completion for formpdf                                      -*- shell-script -*-
# Installed as /usr/share/bash-completion/completions/formpdf.

_formpdf() {
    local cur prev words cword
    _init_completion || return

    local commands="render batch check import workbook sign verify fonts serve help"
    local command="" i
    for ((i = 1; i < cword; i++)); do
        case ${words[i]} in
            -*) ;;
            *) command=${words[i]}; break ;;
        esac
    done

    if [[ -z $command ]]; then
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "--help --version --lang" -- "$cur"))
        else
            COMPREPLY=($(compgen -W "$commands" -- "$cur"))
        fi
        return
    fi

    case $prev in
        -o | --output)
            case $command in
                batch | import) _filedir -d ;;
                workbook) _filedir xlsx ;;
                *) _filedir pdf ;;
            esac
            return ;;
        --layouts | --font-dir) _filedir -d; return ;;
        --layout | --contents-layout | --blank-layout) _filedir yaml; return ;;
        --dump-layout) _filedir json; return ;;
        --sort) COMPREPLY=($(compgen -W "code name unit amount input" -- "$cur")); return ;;
        --collation) COMPREPLY=($(compgen -W "text pinyin" -- "$cur")); return ;;
        --lang) COMPREPLY=($(compgen -W "zh en" -- "$cur")); return ;;
        --p12) _filedir '@(p12|pfx)'; return ;;
        --cert | --key | --chain | --trust | --tls-cert | --tls-key) _filedir pem; return ;;
        --users) _filedir; return ;;
        --listen | --add-user) return ;;
        --password-file) _filedir; return ;;
        --name | --combined | --form | --field | --reason | --location | --contact | --visible | \
            --box | --visible-text | -j | --jobs) return ;;
    esac

    local options=""
    case $command in
        render) options="--output --dump-layout --font-dir --no-system-fonts --layout --layouts
                         --blank --strict --pdfa" ;;
        batch) options="--output --name --combined --no-forms --contents --duplex --sort
                        --collation --keep-going --strict --jobs --quiet --font-dir --no-system-fonts --layout
                        --layouts --contents-layout --blank-layout" ;;
        check) options="--layouts" ;;
        import) options="--output --form --layouts --overwrite --warning-exit-0" ;;
        workbook) options="--output --blank --layouts" ;;
        sign) options="--output --p12 --cert --key --chain --password-file --field --reason
                       --location --contact --pkcs7 --visible --box --visible-text --layout
                       --font-dir --no-system-fonts" ;;
        verify) options="--trust" ;;
        fonts) options="--font-dir --no-system-fonts --layouts" ;;
        serve) options="--listen --users --add-user --tls-cert --tls-key --insecure-http --layouts
                        --font-dir" ;;
        help) COMPREPLY=($(compgen -W "$commands" -- "$cur")); return ;;
    esac
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$options --quiet --verbose --lang --help" -- "$cur"))
        return
    fi
    case $command in
        render | check | batch) _filedir yaml; [[ $command == check || $command == batch ]] && _filedir -d ;;
        import) _filedir '@(xlsx|xls|txt|tsv|csv)' ;;
        workbook | fonts) _filedir yaml ;;
        sign | verify) _filedir pdf ;;
        serve) _filedir -d ;;
    esac
} &&
    complete -F _formpdf formpdf
