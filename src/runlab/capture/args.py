"""Params from a command line: typed values, the entry script, and secret redaction.

`parse_args` turns the argv of a tracked command into params without knowing the program's own
parser, so it follows the conventions most training scripts share:

- `--lr 0.01`, `--lr=0.01` and `-e 3` give `lr: 0.01` and `e: 3`. Keys keep their spelling minus
  the leading dashes (`--learning-rate` stays `learning-rate`, as in Guild AI; argparse would
  say `learning_rate`), so a param reads as it was typed.
- A flag followed by another option or by nothing is `True`; `--no-flag` is `flag: False`.
  Names given in `bool_flags` never take a value (`--verbose data.csv` leaves `data.csv`
  positional).
- A flag takes the values that follow it up to the next option. Several values become a list
  while they are all of one kind (all numbers, or all words): `--layers 64 32` is
  `layers: [64, 32]`, but `--epochs 10 data/` is `epochs: 10` with `data/` positional. The `=`
  spelling takes exactly one value (`--name=foo data.csv` keeps `data.csv` positional).
- `key=value` and Hydra overrides are params: `model.lr=0.1`, `+trainer.gpus=2` (key
  `trainer.gpus`), `++x=1`; a deletion `~key` is no param. A `key=value` token is never the
  value of a preceding flag, so `-m db=mysql` gives `m: True, db: mysql`; a file's name that
  holds `=` (`ck/epoch=3-step=120.ckpt`) is no such token.
- A repeated key collects its values in order into one list (`--layer 64 --layer 32`).
- A token that parses as a number is a value, never an option: `--offset -3` is `-3`.
- `--` ends option parsing; everything after it is positional.
- Values are typed by `parse_value`: int, float, bool, null, else string.

The entry script is the first argument that is an existing file. For a Python interpreter
(`python`, `python3.11`, ...) its own options are skipped and `-m module` makes the module the
entry. Params come from the arguments after the entry (all of argv[1:] when there is none);
other positional arguments are kept in `ParsedArgs.args`.

Keys that look secret store `"***"`, in params and in the recorded command line alike, in every
spelling (`--api-key X`, `--api-key=X`, `token=X`). Values in well-known credential formats
(GitHub, OpenAI, AWS, Slack, Hugging Face tokens, passwords in URLs) are redacted whatever
their key. A bare flag's True/False is not a secret and is kept. A secret-looking option
takes the next word as its value even when it starts with one dash (`--password -x1`), and
the script of `sh -c SCRIPT` (bash, zsh, ...) is redacted the same way, word by word.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from fnmatch import fnmatchcase

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing
if TYPE_CHECKING:
    from typing import Any

    from runlab.config import Settings


# Names are matched lowercased, and also split into words at camelCase humps (`dbPass` is
# `db_pass`, `userPW` is `user_pw`). The long words count anywhere in a name (`api_key`,
# `apikey`, `authtoken`, `dbpassword`, `clientSecret`); the short ones (pass, pw, pwd, auth)
# only as a whole name or its last word (`--pass`, `db_pwd`, `httpAuth`), so that `bypass`,
# `author`, `passthrough` and `pass_at_k` stay readable.
_SEP = "[-_./]"
SECRET_PATTERNS: tuple[str, ...] = (
    "*key*", "*token*", "*secret*", "*password*", "*passwd*", "*passphrase*", "*credential*",
    "*bearer*", "*jwt*", "*cookie*", "*authorization*", "*creds*", "*pincode*", "*pin[-_]code*",
    "sshpass",  # (sshpass's password variable, `SSHPASS`)
    *(glob for word in ("pass", "pw", "pwd", "auth", "pin") for glob in (word, f"*{_SEP}{word}")),
)
# Where a camelCase or PascalCase name splits into words.
_HUMP = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
# Words that hold `token` or `key` but name no secret: counts of tokens (`max_new_tokens`,
# `num_input_tokens_seen`), the tokenizer, `monkey`, keywords, keypoints, keyframes. They are
# taken out of a name before it is matched (`hf_token`, `tokens_key` stay secret).
_PLAIN_WORDS = re.compile(
    # (a count of tokens: `tokens` after a count's word or before `_seen`/`_per_`; `api_tokens`
    # stays secret)
    r"(?:(?<![a-z0-9])|(?<=_))(?:(?:max|min|num|n|new|input|output|total|prompt|context|train"
    r"|eval|generated|completion|keep)[-_.](?:new[-_.]|input[-_.]|output[-_.])?tokens"
    r"|tokens(?=[-_.](?:seen|per)(?![a-z0-9])))(?![a-z0-9])"
    r"|(?<![a-z0-9])(?:tokeni[sz](?:er|ers|e|ed|ing|ation)|monkeys?|keywords?|keypoints?"
    r"|keyframes?|keystrokes?)(?![a-z0-9])"
    # a tokenizer's special tokens, SFTConfig's `eos_token="<eos>"`, `pad_token_id`; a vision
    # transformer's class token and count of register tokens (timm's `class_token`,
    # `reg_tokens`; a runner's `REG_TOKEN`, its registration token, stays secret)
    r"|(?<![a-z0-9])(?:eos|bos|pad|unk|sep|cls|mask|additional_special|special|class)[-_.]"
    r"tokens?(?:[-_.]ids?)?(?![a-z0-9])|(?<![a-z0-9])reg[-_.]tokens(?![a-z0-9])"
    # a setting about tokens or keys: a kind, a size, a dropout, a pattern (`token_type_ids`,
    # timm's `--kd-token-distill-type`, `token_dropout`, `key_dim`, `num_key_value_heads`,
    # scikit-learn's `token_pattern`)
    r"|(?<![a-z0-9])(?:tokens?|keys?)[-_.](?:[a-z]+[-_.]){0,2}?(?:types?|len|length|dims?|size"
    r"|mode|pooling|dropout|drop|strategy|pos|position|embed|embeddings?|mixing|mixer|heads?"
    r"|channels|merging|pruning|norm|budget|limit|count|frames?|columns?|col|fields?|sep"
    r"|separator|pattern|regex)(?![a-z0-9])"
    # a data set's field or a lookup's (open_clip's `--csv-img-key`, Megatron's `--json-keys`,
    # `sort_key`, `cache_key`; an object's path, `s3_key`)
    r"|^(?:(?:csv|json|jsonl|img|image|caption|text|label|sort|primary|foreign"
    r"|cache|group|join|index|partition|column|field|metric|monitor|s3|object|row|audio"
    r"|video|input|target|feature|prompt|answer|question|response|chosen|rejected|reward"
    r"|dataset)[-_.]){1,2}keys?$"
    # a count of keys (`num_keys`, `--n-keys`; `api_keys` stays secret)
    r"|(?<![a-z0-9])(?:max|min|num|n|total|number[-_.]of)[-_.]keys(?![a-z0-9])"
    # YOLO's positive weights of its class and objectness losses (`cls_pw`, `obj_pw`)
    r"|(?<![a-z0-9])(?:cls|obj)[-_.]pw(?![a-z0-9])")
REDACTED = "***"

_INT = re.compile(r"[+-]?(?:0|[1-9][0-9]*)")
# A float needs a point or an exponent, so "007" (an id, most likely) stays a string.
FLOAT = re.compile(
    r"[+-]?(?:(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|[0-9]+[eE][+-]?[0-9]+)"
)
# Any number, however written (-3, .5, 1e-4): a value, never an option.
NUMBER = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
# (not a file's name that holds `=`: Lightning's checkpoints, `epoch=3-step=120.ckpt`, or a
# path's, `ck/last=1.ckpt`, a folder before its `=` and a file's extension at its end; an
# override's value may be one, `ckpt_path=logs/epoch=3-step=120.ckpt`)
ASSIGNMENT = re.compile(
    r"(?!epoch=\d+(?:[-_.][\w.=\-]*)?\.\w{1,12}$)(?![^=]*/[^=]*=.*\.\w{1,12}$)"
    # (not a value ending in base64's padding, `c2stU0VD==`: a key's, no assignment)
    r"(?P<prefix>\+\+|\+|~)?(?P<key>[^\W\d][\w.\-/@]*)=(?P<value>(?!=).*)", re.DOTALL
)
_ASSIGNMENT = ASSIGNMENT
_DELETION = re.compile(r"~[A-Za-z_][\w.\-/@]*")
_PYTHON = re.compile(r"(?:python|pypy)[0-9.]*(?:-dbg)?(?:\.exe)?", re.IGNORECASE)
# Python's own one-letter options that take an argument (attached or as the next word).
_PYTHON_ARG_OPTIONS = "cmWX"
# Launchers of a program's processes, by name or as `python -m`: their options are no params
# of the run, and the program they start is its script (the start-up hook knows them too).
LAUNCHERS = frozenset({"accelerate", "accelerate-launch", "torchrun", "deepspeed", "dvc"})
LAUNCHER_MODULES = frozenset({"torch.distributed.run", "torch.distributed.launch",
                              "accelerate.commands.launch", "accelerate.commands.accelerate_cli",
                              "deepspeed.launcher.runner", "deepspeed.launcher.launch", "dvc"})
_PYTHON_LONG_WITH_ARG = ("--check-hash-based-pycs",)
# papermill runs a notebook with parameters: `-p NAME VALUE` (typed) and `-r NAME VALUE` (a
# string) are the run's params, its input notebook the script, its own options none.
_PAPERMILL = "papermill"
# Tools that run a notebook, `jupyter nbconvert --to notebook --execute nb.ipynb --output-dir
# out`, `jupytext --execute`: their options are no params (the notebook's kernel records what
# its libraries parse and log, as the start-up hook's runners).
NOTEBOOK_MODULES = frozenset({"jupyter", "jupyter_core", "nbconvert", "nbclient", "jupytext"})


def _notebook_runner(name: str) -> bool:
    return name in ("jupyter", "jupytext") or name.startswith("jupyter-")


def _notebook_entry(tokens: list[str], start: int, cwd: str) -> _Entry:
    """A notebook runner's command: no params; the first notebook it names is the script
    (its source and hash, and what the end-of-run summary compares with)."""
    notebook = next((token for token in tokens[start:] if not token.startswith("-") and (
        token.endswith(_NOTEBOOK_SUFFIXES)) and _is_file(token, cwd)), None)
    return _Entry(script=notebook, prefix_end=len(tokens), params_start=len(tokens))


_NOTEBOOK_SUFFIXES = (".ipynb", ".py", ".md", ".Rmd", ".qmd")
_PAPERMILL_PARAMS = {"-p": False, "--parameters": False, "-r": True, "--parameters_raw": True}
# Its options that take a value (`-f params.yaml` is no notebook).
_PAPERMILL_VALUED = frozenset({"-f", "--parameters_file", "-y", "--parameters_yaml", "-b",
                               "--parameters_base64", "-k", "--kernel", "-l", "--language",
                               "--cwd", "--engine", "--log-level", "--start-timeout",
                               "--start_timeout", "--execution-timeout", "--autosave-cell-every",
                               "--inject-paths"})

# (Each starts only where a word may: a run of word characters is never tried from each of them.)
_URL_USERINFO = re.compile(
    r"(?P<scheme>(?<![A-Za-z0-9+.\-])[A-Za-z][A-Za-z0-9+.\-]{0,40}://)(?P<userinfo>[^/@\s]*)@")
# Credentials by their format, each form with the text a match must hold (looked for with
# `in` first: a text that holds none, most of them, is scanned by no regex).
_CREDENTIAL_FORMS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("ghp_", "gho_", "ghu_", "ghs_", "ghr_"), r"\bgh[pousr]_[A-Za-z0-9]{30,}"),  # GitHub tokens
    (("github_pat_",), r"\bgithub_pat_[A-Za-z0-9_]{20,}"),
    (("sk-",), r"\bsk-(?:[A-Za-z0-9]+-)*[A-Za-z0-9_\-]{20,}"),  # OpenAI and Anthropic keys
    (("AKIA", "ASIA"), r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b"),  # AWS access key ids
    (("xox",), r"\bxox[abposr]-[A-Za-z0-9\-]{10,}"),  # Slack tokens
    (("hf_",), r"\bhf_[A-Za-z0-9]{30,}"),  # Hugging Face tokens
    (("AIza",), r"\bAIza[0-9A-Za-z_\-]{35}"),  # Google API keys
    (("ya29.",), r"\bya29\.[0-9A-Za-z_\-]{20,}"),  # Google OAuth access tokens
    (("gl",), r"\bgl(?:pat|ptt|dt|rt|cbt|oas|soat|imt)-[A-Za-z0-9_\-]{20,}"),  # GitLab's tokens
    (("k_live_", "k_test_"), r"\b[sr]k_(?:live|test)_[A-Za-z0-9]{16,}"),  # Stripe keys
    (("SG.",), r"\bSG\.[A-Za-z0-9_\-]{16,}\.[A-Za-z0-9_\-]{16,}"),  # SendGrid keys
    (("_v1_",), r"\bdo[por]_v1_[a-f0-9]{64}"),  # DigitalOcean tokens
    (("shp",), r"\bshp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}"),  # Shopify tokens
    (("npm_",), r"\bnpm_[A-Za-z0-9]{36}\b"),  # npm tokens
    (("pypi-AgE",), r"\bpypi-AgE[A-Za-z0-9_\-]{50,}"),  # PyPI API tokens
    (("eyJ",), r"(?<![A-Za-z0-9_\-])eyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}"
               r"\.[A-Za-z0-9_\-]{8,}"),  # JWTs
    # (a presigned URL's signature, S3's and Azure's SAS)
    (("X-Amz-Signature=",), r"(?<=[?&]X-Amz-Signature=)[0-9A-Fa-f]{16,}"),
    (("sig=",), r"(?<=[?&]sig=)[A-Za-z0-9%+/=]{16,}"),
    (("Bearer ",), r"(?<=\bBearer\ )[A-Za-z0-9\-._~+/]{8,}=*"),  # HTTP bearer tokens
    # (Slack's and Discord's webhooks: the URL is the key)
    (("hooks.slack.com/services/",), r"(?<=\bhooks\.slack\.com/services/)[A-Za-z0-9_/\-]{8,}"),
    (("/api/webhooks/",), r"(?<=\bdiscord\.com/api/webhooks/)[A-Za-z0-9_/\-]{8,}"),
    (("/api/webhooks/",), r"(?<=\bdiscordapp\.com/api/webhooks/)[A-Za-z0-9_/\-]{8,}"),
)
_CREDENTIALS = re.compile("|".join(form for _, form in _CREDENTIAL_FORMS))
_CREDENTIALS_OF: dict[tuple[int, ...], re.Pattern[str]] = {}  # the regex of some forms only


def _credentials_in(text: str) -> re.Pattern[str] | None:
    """The regex of the credential forms whose text `text` holds, None for none."""
    forms = tuple(i for i, (marks, _) in enumerate(_CREDENTIAL_FORMS)
                  if any(mark in text for mark in marks))
    if not forms:
        return None
    regex = _CREDENTIALS_OF.get(forms)
    if regex is None:
        if len(_CREDENTIALS_OF) > 256:  # (ever-new mixes of forms: stay bounded)
            _CREDENTIALS_OF.clear()
        regex = _CREDENTIALS_OF[forms] = re.compile(
            "|".join(_CREDENTIAL_FORMS[i][1] for i in forms))
    return regex
# `KEY=VALUE`, `KEY: VALUE`, `"KEY": "VALUE"` inside a longer text (JSON or Python passed as
# an argument, a query string): the value is redacted when the key looks secret.
# (An unquoted value may hold quoted parts, `--gin_bindings=train.api_key="x"`.)
_PAIR = re.compile(
    r"""(?<![\w.])(?P<key>[A-Za-z_][\w.\-]{0,80})(?P<q>["']?)[ \t]*(?:[?+:!]?=|:)[ \t]*"""
    r"""(?P<value>"(?:[^"\\\n]|\\.){0,1000}"|'(?:[^'\\\n]|\\.){0,1000}'|[^\s,;&|()\[\]{}"'<>]+"""
    r"""(?:(?:"(?:[^"\\\n]|\\.){0,1000}"|'(?:[^'\\\n]|\\.){0,1000}')[^\s,;&|()\[\]{}"'<>]*)*)"""
)
# In a settings file or a script, a secret-looking option and its value as the next word
# (`--wandb-api-key abc` in `run.sh`, a flag file's `--hf_token abc`).
_OPTION_VALUE = re.compile(
    r"""(?<![\w\-])(?P<key>--?[A-Za-z][\w.\-]{0,80})[ \t]+"""
    r"""(?P<value>"(?:[^"\\\n]|\\.){0,1000}"|'(?:[^'\\\n]|\\.){0,1000}'|(?!-|\\(?:\s|$))[^\s;&|<>"']+)"""
)
# Or in a list of words, a launch configuration's `"args": ["--wandb_api_key", "x"]`.
_LISTED_OPTION = re.compile(
    r"""(?P<q>["'])(?P<key>--?[A-Za-z][\w.\-]{0,80})(?P=q)[ \t]*,[ \t]*"""
    r"""(?P<value>"(?!-)(?:[^"\\\n]|\\.){0,1000}"|'(?!-)(?:[^'\\\n]|\\.){0,1000}')"""
)


@dataclass
class ParsedArgs:
    """What a command line says: params, other positionals, the entry and the redacted argv."""

    params: dict[str, Any] = field(default_factory=dict)  # int, float, bool, None, str, list
    args: list[str] = field(default_factory=list)  # positionals other than the entry script
    script: str | None = None  # as typed; None when there is none or it is no existing file
    module: str | None = None  # `python -m MODULE`
    argv: list[str] = field(default_factory=list)  # the whole command, secrets as "***"
    code: str | None = None  # `python -c CODE`'s program, as typed (never stored: its hash is)
    params_start: int = 1  # where the program's own words begin (after `R ... --args`, say)


def secret_patterns(settings: Settings | None = None) -> tuple[str, ...]:
    """The globs of names whose values are secret: the built-in ones and the
    `secret_patterns` setting. The one place that decides; every path that records a name
    and a value (a tracked run, the API, edits, named commands, sweeps, the start-up hook)
    redacts with what this returns."""
    extra = settings.secret_patterns if settings is not None else []
    return SECRET_PATTERNS + tuple(str(p) for p in extra or ())


def is_secret(key: str, patterns: Sequence[str] = SECRET_PATTERNS) -> bool:
    """Whether a param name looks like it holds a secret: a case-insensitive glob match of the
    name, or of its camelCase words joined by `_` (`dbPass` as `db_pass`), words that name no
    secret taken out (`max_new_tokens`, `tokenizer`)."""
    return _is_secret(key, patterns if isinstance(patterns, tuple) else tuple(patterns))


@functools.lru_cache(maxsize=10_000)  # (a patch of logs asks of the same few names 100,000 times)
def _is_secret(key: str, patterns: tuple[str, ...]) -> bool:
    bare = key.lower().lstrip("-+~")
    # (words split at `-` as well, matched joined by `_`: `--vault-addr` as `vault_addr`)
    names = {key.lower(), bare, bare.replace("-", "_"), _HUMP.sub("_", key.lstrip("-+~")).lower()}
    plain = {_PLAIN_WORDS.sub("", name) for name in names}  # (for the built-in patterns)
    return any(fnmatchcase(name, pattern.lower())
               for pattern in patterns for name in (plain if pattern in SECRET_PATTERNS else names))


# A measure's name that says its number is a secret's: a password, a credential, an API's or
# an access key or token, a secret alone (not `secret_loss`, steganography's; nor `test_pass`,
# `passkey`, `mean_token_accuracy`, `key_acc`: measures).
_SECRET_MEASURE = re.compile(
    r"(?i)pass(?:word|wd|phrase)|credential|(?:api|access|secret|private|auth|client|app)"
    r"[-_.]?(?:key|token|secret)(?![a-z0-9_])|bearer|jwt|(?:^|[-_./])(?:secret|pin)$|^key$"
    r"|pin[-_.]?code")


def secret_measure(key: str, patterns: Sequence[str] = SECRET_PATTERNS) -> bool:
    """Whether a metric's name is a secret's, so that its number is none to record (a PIN
    printed as `db_password: 4711`, `wandb.log({"api_key": 5551234})`): the names above, or
    a configured pattern's (`secret_patterns`)."""
    return _SECRET_MEASURE.search(_HUMP.sub("_", key)) is not None or any(
        fnmatchcase(key.lower(), pattern.lower()) for pattern in patterns
        if pattern not in SECRET_PATTERNS)


def parse_value(text: str) -> Any:
    """Type a command-line value: int, float, bool (true/false), None (null/none), else str.

    Any case of true/false/null/none counts; yes/no/on/off stay strings, as do numbers with
    leading zeros ("007") and values that would overflow to infinity.
    """
    if _INT.fullmatch(text):
        return int(text)
    if FLOAT.fullmatch(text):
        number = float(text)
        if number not in (float("inf"), float("-inf")):
            return number
        return text
    lowered = text.lower()
    if lowered == "true":
        return True
    if lowered == "false":
        return False
    if lowered in ("null", "none"):
        return None
    return text


_QUOTED_WORD = re.compile(r"""'([^'\\]*)'|"([^"\\]*)\"""")
_FLAT_LIST = re.compile(r"\[[^\[\]{}'\"]*\]")


def _override_value(text: str) -> Any:
    """An override's value as Hydra, OmegaConf and sacred read it: a quoted one a string
    (`run_id='10'` is "10"), a flat list a list (`layers=[8,16]`), else `parse_value`'s."""
    quoted = _QUOTED_WORD.fullmatch(text)
    if quoted is not None:
        return quoted[1] if quoted[1] is not None else quoted[2]
    if _FLAT_LIST.fullmatch(text):
        inner = text[1:-1].strip()
        return [parse_value(item.strip()) for item in inner.split(",")] if inner else []
    return parse_value(text)


def redact_url(url: str) -> str:
    """Strip credentials from the URLs in `url`: `https://u:p@host/x` -> `https://host/x`.

    A user name alone is kept for ssh-style URLs (`ssh://git@host`) but dropped for http(s),
    where it is usually a token (`https://<token>@github.com/...`).
    """

    def strip(match: re.Match[str]) -> str:
        scheme, userinfo = match["scheme"], match["userinfo"]
        if ":" in userinfo or scheme.lower() in ("http://", "https://"):
            return scheme
        return match[0]

    return _URL_USERINFO.sub(strip, url) if "://" in url else url


_SSHPASS_PASSWORD = re.compile(
    r"""((?<![\w\-])sshpass(?:[ \t]+-[^p\s]\S{0,80}(?:[ \t]+[^-\s]\S{0,80})?){0,4}[ \t]+-p[ \t]*)"""
    r"""(?:"[^"\n]{0,200}"|'[^'\n]{0,200}'|[^\s;&|'"]{1,200})"""
    # (or a list of a command's words in code, `["sshpass", "-p", "x", "scp", ...]`)
    r"""|(["']sshpass["'][ \t]*,[ \t]*(?:["']-[^p"'][^"']{0,80}["'][ \t]*,[ \t]*){0,4}["']-p["'][ \t]*,[ \t]*)"""
    r"""(?:"[^"\n]{0,200}"|'[^'\n]{0,200}')""")


def _hide_sshpass(text: str) -> str:
    """sshpass' password hidden in a text: a command's (`sshpass -p X`), or its words in a list
    in code (`["sshpass", "-p", "X"]`, quoted as it was)."""
    def hide(match: re.Match[str]) -> str:
        if match.group(1) is not None:
            return match.group(1) + REDACTED
        quote = match[0][-1]
        return match.group(2) + quote + REDACTED + quote

    return _SSHPASS_PASSWORD.sub(hide, text)


def redact_credentials(text: str) -> str:
    """Credentials recognisable by their format and in URLs, its words otherwise as written."""
    text = redact_url(text)
    regex = _credentials_in(text)
    return text if regex is None else regex.sub(REDACTED, text)


def redact_prose(text: str, patterns: Sequence[str] = SECRET_PATTERNS) -> str:
    """A text of prose (a commit's message): its credentials, and a secret's name's value
    after `=` (`DB_PASSWORD=hunter2`; not `key: use sorted order`, a word and its sentence)."""
    text = redact_credentials(text)
    if "=" not in text:
        return text
    return _PAIR.sub(lambda m: m[0] if "=" not in m[0][: m.start("value") - m.start()] or (
        not is_secret(m["key"], patterns)) else (
            m[0][: m.start("value") - m.start()] + _hidden_value(m["value"])), text)


def redact_value(text: str, patterns: Sequence[str] = SECRET_PATTERNS) -> str:
    """Redact credentials recognisable by their format, whatever key they came with, and the
    values of secret-looking keys written inside the text (`{"password": "x"}`, `token=x`)."""
    return _redact_value(text, patterns, True)


def _redact_value(text: str, patterns: Sequence[str], outer: bool) -> str:
    text = redact_credentials(text) if outer else text
    if outer and "sshpass" in text:  # (`sshpass -p X ssh ...` in a script)
        text = _hide_sshpass(text)
    pairs, options = ":" in text or "=" in text, "-" in text and " " in text
    if not pairs and not options:
        return text

    def hide(match: re.Match[str]) -> str:
        value = match["value"]
        if not is_secret(match["key"], patterns):
            # (a pair inside a pair's value, one level down: Hydra's `override_dirname:
            # +db.password=x,seed=1`; not a classpath's `a:b:c` read a part at a time)
            inner = value[1:] if value[:1] in "+~" else value
            if outer and len(value) > 2 and "=" in inner and _PAIR.search(inner):
                return (match[0][: match.start("value") - match.start()]
                        + value[: len(value) - len(inner)]
                        + _redact_value(inner, patterns, False))
            return match[0]
        if value.strip("\"'") == REDACTED:
            return match[0]
        return match[0][: match.start("value") - match.start()] + _hidden_value(value)

    if pairs and "{" in text:
        # a secret's name over a mapping on one line, JSON's `"api_keys": {"openai": "x"}`,
        # YAML's `secrets: {hf: x}`: each of its values
        text = _SECRET_MAPPING.sub(lambda m: m[0] if not is_secret(m["key"], patterns) else (
            m[0][: m.start("body") - m.start()] + _PAIR.sub(
                lambda p: p[0][: p.start("value") - p.start()] + _hidden_value(p["value"]),
                m["body"]) + "}"), text)
    text = _PAIR.sub(hide, text) if pairs else text
    if options and "," in text:
        text = _LISTED_OPTION.sub(hide, text)
    return _OPTION_VALUE.sub(hide, text) if options else text


_SECRET_MAPPING = re.compile(
    r"""(?<![\w.])["']?(?P<key>[A-Za-z_][\w.\-]{0,80})["']?[ \t]*[:=][ \t]*\{(?P<body>[^{}\n]{0,2000})\}""")


# Files that hold secrets by convention: left out of the stored patch, whatever they say.
SECRET_FILES = (".env", ".env.*", "*.env", ".envrc", ".netrc", ".pgpass", ".pypirc", ".npmrc",
                ".git-credentials", "credentials", "credentials.*", "*secret*", "*password*",
                "*passwd*", "*.pem", "*.key", "*.p12", "*.pfx", "*.keystore", "id_rsa*",
                "id_dsa*", "id_ecdsa*", "id_ed25519*")
# Files of code: only a quoted value of a secret-looking name is redacted there (`API_KEY =
# "x"`), so that `token = get_token()` stays code. Every other file's `name: value` and `name =
# value` pairs and `--name value` options are settings, each secret-looking one redacted:
# configs, shell scripts (`export WANDB_API_KEY=x`), Makefiles (`API_KEY ?= x`), Dockerfiles
# (`ENV HF_TOKEN=x`), flag files (`--wandb_api_key=x`).
_CODE_SUFFIXES = (".py", ".pyi", ".pyx", ".pxd", ".pxi", ".pyw", ".ipynb", ".js", ".mjs",
                  ".cjs", ".ts", ".jsx", ".tsx", ".vue", ".svelte", ".c", ".h", ".cc", ".cpp",
                  ".cxx", ".c++", ".hpp", ".hxx", ".hh", ".cu", ".cuh", ".java", ".scala", ".kt",
                  ".kts", ".groovy", ".go", ".rs", ".rb", ".jl", ".r", ".swift", ".lua", ".php",
                  ".cs", ".fs", ".m", ".mm", ".pl", ".pm", ".ex", ".exs", ".erl", ".hs", ".ml",
                  ".clj", ".dart", ".zig", ".nim", ".f90", ".f")


def _is_code(path: str) -> bool:
    """Whether a file holds code (only a quoted secret is redacted there), not settings: by
    its suffix; documents and files without one (a shell script named `train`) are read as
    settings, a secret's leak being worse than a line of code redacted."""
    return path.replace("\\", "/").rsplit("/", 1)[-1].lower().endswith(_CODE_SUFFIXES)


def is_secret_file(path: str) -> bool:
    """Whether a file's name says it holds secrets (`.env`, `secrets.yaml`, `id_rsa`)."""
    name = path.replace("\\", "/").rsplit("/", 1)[-1].lower()
    return any(fnmatchcase(name, pattern) for pattern in SECRET_FILES)


# A Dockerfile's `ENV NAME value` (and `ARG`), the space form of `ENV NAME=value`.
_DOCKER_ENV = re.compile(
    r"(?im)^[ \t]*(?:ENV|ARG)[ \t]+(?P<key>[A-Za-z_]\w{0,80})[ \t]+"
    r"""(?P<value>"(?:[^"\\\n]|\\.){0,1000}"|'(?:[^'\\\n]|\\.){0,1000}'|[^\s=]\S*)""")


def _hide_docker_env(match: re.Match[str], patterns: Sequence[str]) -> str:
    if not is_secret(match["key"], patterns) or match["value"].strip("\"'") == REDACTED:
        return match[0]
    return match[0][: match.start("value") - match.start()] + REDACTED


def redact_source(text: str, path: str, patterns: Sequence[str] = SECRET_PATTERNS) -> str:
    """A file's text (or its diff) as the store may keep it: credentials by their format, and
    the values of secret-looking names, everywhere in a settings file (`api_key: x`) but only
    where quoted in code (`API_KEY = "x"`), so `token = get_token()` stays code."""
    if not _is_code(path) or is_secret_file(path):
        text = redact_value(text, patterns)
        if "ENV" in text.upper() or "ARG" in text.upper():
            text = _DOCKER_ENV.sub(lambda m: _hide_docker_env(m, patterns), text)
        return text
    if path.lower().endswith(".ipynb") and '"' in text:
        return _redact_notebook(text, patterns)
    text = redact_credentials(text)
    if "sshpass" in text:  # (`os.system("sshpass -p x ...")`, `["sshpass", "-p", "x"]`)
        text = _hide_sshpass(text)

    def hide(match: re.Match[str]) -> str:
        value = match["value"]
        key = match["key"] if match["key"] is not None else match["name"]
        if (value[0] not in "\"'" or not is_secret(key, patterns)
                or value[1:-1] == REDACTED or len(value) < 3):
            return match[0]
        return match[0][: match.start("value") - match.start()] + value[0] + REDACTED + value[0]

    if "=" in text or ":" in text:
        text = _PAIR.sub(hide, text)
    if "[default:" in text:
        text = _DOCOPT_DEFAULT.sub(lambda m: _hide_option(m, patterns), text)
    if '"' not in text and "'" not in text:
        return text  # (no quoted value: the common line of code, read once)
    if "," in text and "-" in text:  # (`["--api-key", "x"]`, a launch list's words)
        text = _LISTED_OPTION.sub(hide, text)

    def hide_item(match: re.Match[str]) -> str:
        key = match["key"] if match["key"] is not None else match["name"]
        return match[0] if key.lower() in _WORDS else hide(match)

    def hide_default(match: re.Match[str]) -> str:
        if not any(is_secret(name, patterns) for name in _QUOTED_NAME.findall(match["args"])):
            # (or a dataclass field's name, `hf_token: Optional[str] = field(default="x")`)
            start = max(text.rfind("\n", 0, match.start()) + 1, match.start() - 240)
            annotated = _ANNOTATED_CALL.search(text, start, match.start())
            if annotated is None or not is_secret(annotated.group(1), patterns):
                return match[0]
        return _hidden_quoted(match)

    if "=" in text:
        text = _CODE_ASSIGNED.sub(hide_item, text)
        if "default" in text:
            text = _CODE_DEFAULT.sub(hide_default, text)
    text = _CODE_CALLED.sub(hide, text) if "," in text else text

    def hide_strings(match: re.Match[str]) -> str:
        key = match["key"] if match["key"] is not None else match["name"]
        if not is_secret(key, patterns):
            return match[0]
        group = "value" if match["key"] is not None else "default"
        return match[0][: match.start(group) - match.start()] + _hidden_strings(match[group])

    if "=" in text or " or " in text:
        text = _CODE_STRINGS.sub(hide_strings, text)
    if "\n" in text.rstrip("\r\n") and ("(" in text):  # (a file whole: calls over lines)
        calls = _SecretCalls(patterns)
        text = "".join(calls.feed(line) for line in text.splitlines(keepends=True))
    return text


# A notebook's line of a cell's source, a JSON string (`    "API_KEY = \\"x\\"\\n",`).
_NOTEBOOK_LINE = re.compile(
    r'([ \t]*(?:"(?:source|text)":[ \t]*)?")((?:[^"\\\n]|\\.)*)("[ \t]*,?\r?\n?)')


def _hide_option(match: re.Match[str], patterns: Sequence[str]) -> str:
    """A secret option's value, `--password x`, hidden (a notebook's text)."""
    value = match["value"]
    if not is_secret(match["key"], patterns) or value.strip("\"'") == REDACTED:
        return match[0]
    return match[0][: match.start("value") - match.start()] + _hidden_value(value)


def _redact_notebook(text: str, patterns: Sequence[str]) -> str:
    """A notebook's text: each line that is a JSON string of a cell's source redacted as the
    code it holds (its quotes escaped there), every other line as code is."""
    import json

    out = []
    for line in text.splitlines(keepends=True):
        match = _NOTEBOOK_LINE.fullmatch(line)
        if match is None:
            out.append(redact_source(line, "notebook.py", patterns))
            continue
        try:
            source = json.loads(f'"{match[2]}"')
        except ValueError:
            out.append(redact_source(line, "notebook.py", patterns))
            continue
        # (a shell command or a magic in a cell, `!python t.py --api-key x`, `%env K=x`: as a
        # script's settings)
        redacted = redact_value(source, patterns) if source.lstrip()[:1] in "!%" and (
            source.strip()) else redact_source(source, "cell.py", patterns)
        if "-" in redacted and " " in redacted:  # (`--password x` in a markdown cell)
            redacted = _OPTION_VALUE.sub(lambda m: _hide_option(m, patterns), redacted)
        out.append(line if redacted == source else
                   match[1] + json.dumps(redacted, ensure_ascii=False)[1:-1] + match[3])
    return "".join(out)


# Words that name a secret only in a name of more (`row["key"] = "date"` is a column's).
_WORDS = frozenset({"key", "keys", "token", "tokens"})
# In code, a quoted value given to a secret's name other than as `NAME = "x"`: an item set,
# `os.environ["WANDB_API_KEY"] = "x"`, `config["api_key"] = "x"`, or an annotated name,
# `API_KEY: str = "x"`; and a quoted name beside its value in a call or a tuple,
# `os.environ.setdefault("COMET_API_KEY", "x")`, `os.putenv("HF_TOKEN", "x")`.
_QUOTED = r"""(?P<value>"(?:[^"\\\n]|\\.){0,1000}"|'(?:[^'\\\n]|\\.){0,1000}')"""
_CODE_ASSIGNED = re.compile(
    r"""(?:(?P<q>["'])(?P<key>[A-Za-z_][\w.\-]{0,80})(?P=q)[ \t]*\]"""
    r"""|(?<![\w.])(?P<name>[A-Za-z_]\w{0,80})[ \t]*:[ \t]*[A-Za-z_][\w.\[\], |]{0,60}?)"""
    r"""[ \t]*=[ \t]*""" + _QUOTED)
# A string as Python writes it: a prefix (`b"x"`, `r"x"`), three quotes or one.
_LITERAL = (r'''(?i:[rbuf]{0,2})(?:"""(?:[^"\\]|\\.|"(?!"")){0,2000}"""'''
           r"""|'''(?:[^'\\]|\\.|'(?!'')){0,2000}'''"""
           r'''|"(?:[^"\\\n]|\\.){0,1000}"|'(?:[^'\\\n]|\\.){0,1000}')''')
_A_LITERAL = re.compile(_LITERAL)
# A secret's name given strings the quoted-value rules miss: prefixed, in parentheses, three
# quotes, added together (`app.secret_key = b"x"`, `HF_TOKEN = ("x")`, `KEY = "a" + "b"`), or a
# default after `or` (`os.getenv("HF_TOKEN") or "x"`).
_CODE_STRINGS = re.compile(
    rf"""(?<![\w.])(?P<key>[A-Za-z_][\w.]{{0,80}})[ \t]*(?::[ \t]*[A-Za-z_][\w.\[\], |]{{0,60}}?[ \t]*)?"""
    rf"""=[ \t]*(?P<value>\(?[ \t]*{_LITERAL}(?:[ \t]*\+?[ \t]*{_LITERAL}){{0,20}}[ \t]*\)?)"""
    rf"""|(?:getenv|get)\([ \t]*(?P<q>["'])(?P<name>[A-Za-z_][\w.\-]{{0,80}})(?P=q)[ \t]*\)"""
    rf"""[ \t]*or[ \t]*(?P<default>{_LITERAL})""")


def _hidden_strings(text: str) -> str:
    """Each string of `text` (Python's) with its text hidden, its prefix and quotes kept."""

    def hide(match: re.Match[str]) -> str:
        body = match[0].lstrip("rbufRBUF")
        quote = body[:3] if body[:3] in ('"""', "'''") and len(body) >= 6 else body[:1]
        inner = body[len(quote) : len(body) - len(quote)]
        if not inner or inner == REDACTED:
            return match[0]
        return match[0][: len(match[0]) - len(body)] + quote + REDACTED + quote

    return _A_LITERAL.sub(hide, text)


_CODE_CALLED = re.compile(
    r"""(?:setdefault|putenv|setenv|set_key|set_secret|getenv|get|DEFINE_[a-z_]{1,20})\([ \t]*"""
    r"""(?P<q>["'])(?P<key>[A-Za-z_][\w.\-]{0,80})(?P=q)[ \t]*,[ \t]*""" + _QUOTED)
# An option's default where a parser declares it, `add_argument("--api-key", default="x")`,
# `@click.option("--token", default="x")`, `Field(default="x")` after a quoted name; and a
# docopt usage's `--api-key=<k>  The key [default: x]`.
_CODE_DEFAULT = re.compile(
    r"""\((?P<args>[^()\n]{0,300}?)\bdefault[ \t]*=[ \t]*[fFrRbBuU]{0,2}""" + _QUOTED)
_QUOTED_NAME = re.compile(r"""["']-{0,2}([A-Za-z_][\w.\-]{0,80})["']""")
_ANNOTATED_CALL = re.compile(r"([A-Za-z_]\w{0,80})[ \t]*:[^=\n]{0,80}=[ \t]*[\w.]{0,40}$")
_DOCOPT_DEFAULT = re.compile(
    r"""(?<![\w\-])(?P<key>--?[A-Za-z][\w.\-]{0,80})[^\n\[]{0,200}"""
    r"""\[default:[ \t]*(?P<value>[^\]\n]{1,200})(?=\])""")


# A parser's default, or a secret's value alone on its line (absl's `DEFINE_string(` then
# `"hf_token",` then `"x",`), in a call over several lines.
_DEFAULT_KWARG = re.compile(r"""\bdefault[ \t]*=[ \t]*[fFrRbBuU]{0,2}""" + _QUOTED)
_QUOTED_ALONE = re.compile(r"""([ \t]*[fFrRbBuU]{0,2})""" + _QUOTED + r"""([ \t]*,?[ \t]*\r?\n?)""")


class _SecretCalls:
    """Code read a line at a time: a call over several lines that names a secret on one of
    them (black's `parser.add_argument(`, `"--wandb-api-key",`, `type=str,`, `default="x",`,
    `)`; `@click.option("--token",` then `default="x")`; absl's `flags.DEFINE_string(`,
    `"hf_token",`, `"x",`; a dataclass field's `hf_token: str = field(`) has its default
    hidden from that line to the call's end. Parentheses are counted outside strings; a call
    not seen to end within 30 lines is given up."""

    def __init__(self, patterns: Sequence[str]) -> None:
        self.patterns = patterns
        self.depth = 0  # parentheses open
        self.inside = 0  # the depth of a call that named a secret (0: none)
        self.positional = False  # its next value alone on a line is the default (absl's)
        self.before = ""  # the line before
        self.lines = 0  # lines read inside the call

    def feed(self, line: str, hide: bool = True) -> str:
        before = self.depth
        bare = _STRING.sub("", line) if '"' in line or "'" in line else line
        self.depth = max(0, before + bare.count("(") - bare.count(")"))
        if self.inside:
            self.lines += 1
            if hide and "default" in line:
                line = _DEFAULT_KWARG.sub(_hidden_quoted, line)
            elif hide and self.positional and (alone := _QUOTED_ALONE.fullmatch(line)):
                line = _hidden_quoted(alone) + alone.group(3)
            self.positional = False
            if self.depth < self.inside or self.lines > 30:  # (a call ends; a guess gives up)
                self.inside = 0
        elif self.depth >= 1 and self.depth >= before and ('"' in line or "'" in line) and any(
                is_secret(name, self.patterns) for name in _QUOTED_NAME.findall(line)):
            self.inside, self.lines = self.depth, 0
            self.positional = "DEFINE_" in line or "DEFINE_" in self.before
            if hide:
                line = self._named_here(line)
        elif self.depth > before and (field := _ANNOTATED_OPEN.search(line)) is not None and (
                is_secret(field.group(1), self.patterns)):
            # (a dataclass field over lines, `hf_token: Optional[str] = field(`)
            self.inside, self.lines, self.positional = self.depth, 0, False
        self.before = line
        return line

    def _named_here(self, line: str) -> str:
        """The line that names the secret, its default on it too (black's one line of
        arguments, `"--api-key", type=str, default="x", help="..."`; absl's `"api_key", "x",
        "its help"`)."""
        name = next((m for m in _QUOTED_NAME.finditer(line)
                     if is_secret(m.group(1), self.patterns)), None)
        if name is None:
            return line
        rest = line[name.end():]
        if "default" in rest:
            rest = _DEFAULT_KWARG.sub(_hidden_quoted, rest)
        elif self.positional and (value := _NEXT_QUOTED.match(rest)) is not None:
            rest = _hidden_quoted(value) + rest[value.end():]
            self.positional = False
        return line[: name.end()] + rest


_STRING = re.compile(_QUOTED)
_ANNOTATED_OPEN = re.compile(r"^[ \t]*([A-Za-z_]\w{0,80})[ \t]*:[^=\n]{0,80}=[ \t]*[\w.]{0,40}\([ \t]*$")
_NEXT_QUOTED = re.compile(r"""[ \t]*,[ \t]*[fFrRbBuU]{0,2}""" + _QUOTED)


def _hidden_quoted(match: re.Match[str]) -> str:
    """A `_QUOTED` value hidden in its match, its quotes kept."""
    value = match["value"]
    if value[1:-1] == REDACTED:
        return match[0]
    return match[0][: match.start("value") - match.start()] + value[0] + REDACTED + value[0]


def redact_patch(patch: str, patterns: Sequence[str] = SECRET_PATTERNS) -> str:
    """A `git diff` as the store may keep it: each added line redacted as `redact_source`
    does for its file, so that the patch still applies (context and removed lines are the
    commit's, which git holds already)."""
    out = []
    path = ""
    # (the line before ended in a secret option and a continuation `\`, or was one alone)
    continued: bool | str = False
    calls = _SecretCalls(patterns)
    sections = _SecretSections(patterns)
    lines = patch.splitlines(keepends=True)
    added = _redacted_added(lines, patterns)
    code = False
    for at, line in enumerate(lines):
        if line.startswith("diff --git "):
            path = _diff_path(line)
            code = _is_code(path)
            calls = _SecretCalls(patterns)
            sections = _SecretSections(patterns)
        elif line[:1] == "+" and not line.startswith("+++ "):
            line = "+" + added[at]
            if continued and (continued != "alone" or line[1:2] not in (" ", "\t")):
                line = _CONTINUED_VALUE.sub(lambda m: m.group(1) + REDACTED, line, count=1)
            line = "+" + (calls if code else sections).feed(line[1:])
        elif line[:1] == " ":
            # (a context line's parentheses count too, and the section it opens)
            (calls if code else sections).feed(line[1:], hide=False)
        if line[:1] in "+ " and not line.startswith("+++ "):  # (a context line's too)
            option = _OPTION_CONTINUED.search(line)
            alone = _OPTION_ALONE.match(line) if option is None else None
            named = option or alone
            continued = named is not None and is_secret(named.group(1), patterns)
            if alone is not None and continued:
                continued = "alone"  # (its value a word of its own, flush left)
        elif line[:1] != "-":
            continued = False
        out.append(line)
    return "".join(out)


def _redacted_added(lines: list[str], patterns: Sequence[str]) -> dict[int, str]:
    """Each added line of a patch (by its index) as `redact_source` redacts it for its file,
    each run of added lines read as one text (a new file's whole: a few regex passes, not a
    few per line), line by line where the run's lines would not come back one for one."""
    added: dict[int, str] = {}
    path = ""
    run: list[int] = []

    def flush() -> None:
        if not run:
            return
        texts = [lines[i][1:] for i in run]
        whole = redact_source("".join(texts), path, patterns).splitlines(keepends=True)
        if len(whole) != len(run) or any(  # (a line without its newline: the file's last)
                a.endswith("\n") != b.endswith("\n") for a, b in zip(whole, texts, strict=True)):
            whole = [redact_source(text, path, patterns) for text in texts]
        added.update(zip(run, whole, strict=True))
        run.clear()

    for at, line in enumerate(lines):
        if line[:1] == "+" and not line.startswith("+++ "):
            run.append(at)
            continue
        flush()
        if line.startswith("diff --git "):
            path = _diff_path(line)
    flush()
    return added


class _SecretSections:
    """A settings file's lines under a section or a block whose name is a secret's, fed in
    order: each `name: value` pair there hidden (`[credentials]` then `wandb = x`; YAML's
    `secrets:` then `  hf: x`; JSON's `"api_keys": {` then `  "openai": "x"`), though its
    own name is none."""

    def __init__(self, patterns: Sequence[str]) -> None:
        self.patterns = patterns
        self.section = False  # under an INI's or TOML's secret section
        self.indent: int | None = None  # the indent of the secret block's name, inside one

    def feed(self, line: str, hide: bool = True) -> str:
        text = line.strip()
        if not text or text[:1] in "#;":
            return line
        indent = len(line) - len(line.lstrip(" \t"))
        header = _SECTION.fullmatch(text)
        if header is not None:
            self.section = any(is_secret(part.strip("\"' "), self.patterns)
                               for part in header.group(1).split("."))
            self.indent = None
            return line
        if self.indent is not None and indent <= self.indent and text not in ("{", "[") and (
                text[:1] != "-" or indent < self.indent):
            # (a brace alone under the name opens its block, Allman's; a list's items may
            # stand at the name's own indent, PyYAML's)
            self.indent = None
        block = _BLOCK_NAME.fullmatch(text)
        if block is not None:
            if self.indent is None and is_secret(block.group(1), self.patterns):
                self.indent = indent
            return line
        if not hide or not (self.section or self.indent is not None):
            return line
        if self.indent is not None and (text[:1] == "-" or _PAIR.search(text) is None) and (
                text.strip("{}[],") and text not in ("-",)):
            # a list's item (`- x`), a value alone (a JSON array's `"x",`, a block scalar's
            # text): hidden whole, its indent and a list's dash kept
            lead = len(line) - len(line.lstrip(" \t-"))
            return line[:lead] + REDACTED + ("\n" if line.endswith("\n") else "")
        return _PAIR.sub(lambda m: m[0][: m.start("value") - m.start()] + _hidden_value(
            m["value"]), line, count=1)


def _hidden_value(value: str) -> str:
    """A value's text hidden, in its quotes when it has them."""
    quote = value[:1] if value[:1] in "\"'" and value[-1:] == value[:1] else ""
    return f"{quote}{REDACTED}{quote}"


# A section's header, `[credentials]`, `[tool.secrets]`; a block's name alone on its line,
# what it holds on the lines under it (`secrets:`, `"api_keys": {`).
_SECTION = re.compile(r"\[{1,2}([^\[\]]{1,200})\]{1,2}")
_BLOCK_NAME = re.compile(r"""["']?([A-Za-z_][\w.\-]{0,80})["']?\s*[:=]\s*(?:[{\[]|[|>][-+]?)?""")


# A secret option at a line's end before a shell's continuation, `--api-key \`, and the value
# that starts the next line.
_OPTION_CONTINUED = re.compile(r"(?:^[+ ]?|\s)(--?[A-Za-z][\w.\-]{0,80})[ \t]+\\\r?\n?$")
# Or a secret option alone on its line, its value the next line's (a file of argparse's
# `fromfile_prefix_chars`, one word a line).
_OPTION_ALONE = re.compile(r"[+ ]?[ \t]*(--?[A-Za-z][\w.\-]{0,80})[ \t]*\r?\n?$")
_CONTINUED_VALUE = re.compile(
    r"""^(\+[ \t]*)(?![-\\])(?:"(?:[^"\\\n]|\\.){0,1000}"|'(?:[^'\\\n]|\\.){0,1000}'"""
    r"""|[^\s;&|<>]+)""")


def _diff_path(header: str) -> str:
    """The new path a `diff --git a/x b/x` header names (git quotes one with odd bytes)."""
    header = header.rstrip("\n")
    if header.endswith('"'):
        return header.rsplit(' "b/', 1)[-1][:-1]
    return header.rsplit(" b/", 1)[-1]


def hidden_text(text: str) -> str:
    """What stands for a secret's text hidden after the fact: `***`, or as many stars as it
    has characters where it has fewer (a journal line is hidden at its length)."""
    return REDACTED if len(text) >= len(REDACTED) else "*" * len(text)


def hide_words(parsed: ParsedArgs, secrets: Collection[str]) -> None:
    """Hide these secrets' text in a parsed command line: its words, its other positionals
    and the params holding it (a named command's value in a secret's place)."""
    texts = sorted((text for text in secrets if text), key=len, reverse=True)

    def hide(word: str) -> str:
        # (a word that is the secret, or holds it after its `=`; inside a longer word only
        # one as long as `***`: a shorter one is in too many words)
        for text in texts:
            if word == text or word.endswith(f"={text}"):
                word = word[: len(word) - len(text)] + hidden_text(text)
            elif len(text) >= len(REDACTED):
                word = word.replace(text, REDACTED)
        return word

    def hidden(value: Any) -> Any:
        if isinstance(value, list):
            return [hidden(item) for item in value]
        return REDACTED if isinstance(value, str) and hide(value) != value else value

    parsed.argv = [hide(word) for word in parsed.argv]
    parsed.args = hide_params([hide(word) for word in parsed.args], texts)
    parsed.params = hide_params({key: hidden(value) for key, value in parsed.params.items()},
                                texts)


def hide_key(key: str, secrets: Collection[str]) -> str:
    """A param's name with these secrets' text hidden in it (`-kX` read as a flag `kX`); a
    secret shorter than `***` is in too many names to be looked for in them."""
    for secret in sorted(secrets, key=len, reverse=True):  # (the longest first: `abcdef`
        if len(secret) >= len(REDACTED) and secret in key:  # before `abc`)
            key = key.replace(secret, REDACTED)
    return key


def hide_params(value: Any, secrets: Collection[str]) -> Any:
    """Params (or a list of positionals) with every value that is one of these secrets'
    texts hidden, and their text in names (for what was recorded before the values were known
    to be secrets); nothing else is touched (a path or a name holding the same text)."""
    if isinstance(value, dict):
        return {hide_key(str(k), secrets): hide_params(v, secrets) for k, v in value.items()}
    if isinstance(value, list):
        return [hide_params(v, secrets) for v in value]
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return value
    text = value if isinstance(value, str) else str(value)
    if len(text) < len(REDACTED) or text not in secrets:
        return value  # (a short one is too common a value: hidden in its command word only)
    if isinstance(value, str):
        return hidden_text(text)
    # (a number hidden at its length, as the journal's line is: `"***"` in five characters,
    # `null` in four; one shorter is no secret)
    return REDACTED if len(text) >= 5 else None if len(text) == 4 else value


def redact_env(env: Mapping[str, str], patterns: Sequence[str] = SECRET_PATTERNS) -> dict[str, str]:
    """Copy an environment with secret-looking names' values replaced by `"***"`."""
    return {
        name: REDACTED if is_secret(name, patterns) else redact_value(value, patterns)
        for name, value in env.items()
    }


def hook_secrets(patterns: Sequence[str] = SECRET_PATTERNS, words: Sequence[str] = ()) -> str:
    """What the start-up hook in a Python child needs to redact as `redact_mapping` does, and
    the `words` of the command known to be secrets, wherever it finds them."""
    import json

    return json.dumps({"names": list(patterns), "humps": _HUMP.pattern,
                       "plain": _PLAIN_WORDS.pattern, "builtin": list(SECRET_PATTERNS),
                       "values": [_CREDENTIALS.pattern,
                                  *(re.escape(word) for word in words
                                    if len(word) >= len(REDACTED))],
                       "url": _URL_USERINFO.pattern, "pairs": _PAIR.pattern,
                       "options": _OPTION_VALUE.pattern, "word": _NAME_WORD.pattern})


def redact_mapping(values: Mapping[Any, Any],
                   patterns: Sequence[str] = SECRET_PATTERNS) -> dict[str, Any]:
    """Params or tags as the store may keep them: the one redaction of every recorded mapping.

    A secret-looking key stores `"***"` (unless its value is None, "" or a bool: a label or a
    flag hides nothing); credentials in string values, in lists and in nested mappings are
    redacted by their format, and so are keys that are themselves a credential.
    """
    return _redact_mapping(values, patterns, 0)


# How deep nested params may be: deeper, redaction cannot be sure to walk them, and a
# RecursionError says so (the events channel's line is not taken).
_DEEPEST = 200


def _redact_mapping(values: Mapping[Any, Any], patterns: Sequence[str],
                    depth: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in values.items():
        name = redact_value(str(key), patterns)
        hides_nothing = value is None or isinstance(value, bool) or (
            isinstance(value, str) and not value)
        if is_secret(name, patterns) and not hides_nothing:
            out[name] = REDACTED
        else:
            out[name] = _redact_any(value, patterns, depth + 1)
    return out


def _redact_any(value: Any, patterns: Sequence[str], depth: int = 0) -> Any:
    if depth > _DEEPEST:
        raise RecursionError("nested too deep to redact")
    if isinstance(value, str):
        return redact_value(value, patterns)
    if isinstance(value, Mapping):
        return _redact_mapping(value, patterns, depth)
    if isinstance(value, (list, tuple)):
        # (a list of names and values, yacs' `opts` after `KEY VALUE` overrides: the value
        # after a secret-looking name is the secret's)
        out: list[Any] = []
        after_name = False  # (the item before names a secret: this one is its value)
        for v in value:
            hides = after_name and not (v is None or isinstance(v, bool) or v == "")
            out.append(REDACTED if hides else _redact_any(v, patterns, depth + 1))
            after_name = not hides and _names_secret(v, patterns)
        return out
    return value


# (an option, a dotted key or one in capitals: `--api-key`, `wandb.api_key`, `API_KEY`; not a
# word of a list of words, `['key', 'date']`)
_NAME_WORD = re.compile(r"--?[A-Za-z][\w.\-]{0,80}|[A-Z][A-Z0-9_]{1,80}(?:\.[A-Z0-9_]{1,80}){0,8}"
                        r"|[a-z_]\w{0,80}(?:\.\w{1,80}){0,7}\.(?=\w*_|\w{4})\w{1,80}")


# A word that may name a file: a folder's part, or a file's extension (`data/train.csv`).
_PATH_LIKE = re.compile(r"/|\.[A-Za-z][A-Za-z0-9]{0,4}\Z")


def _names_secret(word: Any, patterns: Sequence[str]) -> bool:
    """Whether a word of a list names a secret (`WANDB.API_KEY`, `--api-key`)."""
    return isinstance(word, str) and _NAME_WORD.fullmatch(word) is not None and is_secret(
        word, patterns)


def parse_args(
    argv: Sequence[str],
    *,
    cwd: str,
    bool_flags: Collection[str] = (),
    ignore: Collection[str] = (),
    secret_patterns: Sequence[str] = SECRET_PATTERNS,
) -> ParsedArgs:
    """Read params, positional args and the entry script from a command line (module docs)."""
    tokens = list(argv)
    if not tokens:
        return ParsedArgs()
    redacted = [redact_value(token, secret_patterns) for token in tokens]
    # (sshpass' password, `-p X` or `-pX`, however it was started: `env A=1 sshpass ...`,
    # `timeout 60 sshpass ...`)
    at = next((i for i, token in enumerate(tokens[:8]) if os.path.basename(token) == "sshpass"),
              None)
    password = None if at is None else _sshpass_options(tokens, at + 1)[1]
    if password is not None:
        glued = tokens[password].startswith("-p") and tokens[password - 1] != "-p"
        redacted[password] = "-p" + REDACTED if glued else REDACTED
    passwords = [] if password is None else [tokens[password][2:] if glued else tokens[password]]
    passwords += _client_passwords(tokens, redacted)
    scanner = _Scanner(tokens, redacted, bool_flags, ignore, secret_patterns, cwd)

    entry = _find_entry(tokens, cwd)
    if entry.prefix_end > 1:
        # Options of a launcher (`torchrun --nproc 2 train.py`) are no params of the run, but
        # a secret among them must still be redacted from the recorded command line.
        scanner.scan(1, entry.prefix_end)
    params, args = scanner.scan(entry.params_start, len(tokens))
    # papermill's parameters: a file's and YAML's, then `-p`'s, a later one replacing
    for index in entry.notebook_files:
        text = tokens[index + 1]
        if tokens[index] in ("-f", "--parameters_file"):
            text = _small_file(os.path.join(cwd, text))
        for key, value in _flat_yaml(text).items():
            params.pop(key, None)
            if scanner.add(params, key, [value]):
                redacted[index + 1] = REDACTED
    for index, raw in entry.notebook_params:
        text = tokens[index + 2]
        params.pop(tokens[index + 1], None)
        if scanner.add(params, tokens[index + 1], [text if raw else parse_value(text)]):
            redacted[index + 2] = REDACTED
    for index in entry.assignments:
        key, _, text = tokens[index].partition("=")
        if scanner.add(params, key, [parse_value(text)]):
            redacted[index] = f"{key}={REDACTED}"
    for index in entry.set_params:
        option = "--set-param=" if tokens[index].startswith("--set-param=") else ""
        key, _, text = tokens[index][len(option):].partition("=")
        where, _, key = key.rpartition(":")
        if key and scanner.add(params, key, [parse_value(text)]):
            redacted[index] = f"{option}{where + ':' if where else ''}{key}={REDACTED}"
    if entry.shell_script is not None:
        redacted[entry.shell_script] = redact_shell(tokens[entry.shell_script], secret_patterns)
    if passwords:  # (read as another program's params or positionals, `timeout 60 sshpass`)
        params, args = hide_params(params, passwords), hide_params(args, passwords)
    return ParsedArgs(
        params=params, args=args, script=entry.script, module=entry.module, argv=redacted,
        code=entry.code, params_start=entry.params_start,
    )


def launcher_words(argv: Sequence[str], cwd: str) -> list[str]:
    """The words of a launcher's own options before the program it starts (`accelerate
    launch --config_file cpu.yaml train.py`: `launch`, `--config_file`, `cpu.yaml`)."""
    tokens = list(argv)
    entry = _find_entry(tokens, cwd) if tokens else _Entry()
    return tokens[1 : entry.prefix_end] if entry.launcher else []


@dataclass
class _Entry:
    script: str | None = None
    module: str | None = None
    prefix_end: int = 1  # launcher options argv[1:prefix_end], scanned for secrets only
    params_start: int = 1
    shell_script: int | None = None  # where the SCRIPT of `sh -c SCRIPT` stands
    # papermill's `-p NAME VALUE`: where each option stands, and whether its value is raw
    notebook_params: list[tuple[int, bool]] = field(default_factory=list)
    notebook_files: list[int] = field(default_factory=list)  # its `-y YAML`, `-f FILE`
    notebook_output: str | None = None  # the notebook it writes
    assignments: list[int] = field(default_factory=list)  # make's `VAR=value`, where each stands
    set_params: list[int] = field(default_factory=list)  # DVC's `-S k=v`, where each `k=v` is
    launcher: bool = False  # argv[1:prefix_end] are a launcher's (not papermill's: its own)
    code: str | None = None  # `python -c CODE`'s program


_SHELLS = frozenset({"sh", "bash", "dash", "zsh", "ksh", "fish"})
# Build tools and package managers that run a program and pass it what follows `--` (cargo's
# `run` only: `cargo test -- --test-threads 1` is the test harness's).
_BUILD_RUNNERS = frozenset({"cargo", "npm", "pnpm", "yarn", "bun"})
_SHELL_LONG_WITH_ARG = ("--rcfile", "--init-file")


def _find_entry(tokens: list[str], cwd: str) -> _Entry:
    program = tokens[0]
    if _PYTHON.fullmatch(os.path.basename(program)):
        return _python_entry(tokens, cwd)
    if os.path.basename(program) in _SHELLS:
        shell = _shell_command_entry(tokens)
        if shell is not None:
            return shell
    if os.path.basename(program) == _PAPERMILL:
        return _papermill_entry(tokens, 1, cwd)
    if _notebook_runner(os.path.basename(program)):
        return _notebook_entry(tokens, 1, cwd)
    if os.path.basename(program) == "java":
        return _java_entry(tokens, cwd)
    if os.path.basename(program) in ("make", "gmake"):
        return _make_entry(tokens)
    if os.path.basename(program) == "env":
        return _env_entry(tokens, cwd)
    if os.path.basename(program) == "dvc":
        return _dvc_entry(tokens)
    if os.path.basename(program) == "sshpass":
        return _sshpass_entry(tokens, cwd)
    if os.path.basename(program) in _WRAPPERS:
        wrapped = _wrapper_entry(tokens, cwd)
        if wrapped is not None:
            return wrapped
    if os.path.basename(program) in _ENV_RUNNERS:
        wrapped = _env_runner_entry(tokens, cwd)
        if wrapped is not None:
            return wrapped
    if os.path.basename(program) in _BUILD_RUNNERS and "--" in tokens and (
            os.path.basename(program) != "cargo" or tokens[1:2] in (["run"], ["r"])):
        # `cargo run --release -- --lr 0.2`, `npm run train -- --lr 0.4`: what follows `--` is
        # the program's own arguments, what comes before the runner's
        at = tokens.index("--")
        return _Entry(prefix_end=at, params_start=at + 1, launcher=True)
    launcher = os.path.basename(program) in LAUNCHERS
    if _is_file(program, cwd) and not launcher and not _installed(program, cwd):
        # (a launcher given by its path is no script, nor an installed program's path,
        # `/usr/bin/time -p ./train`)
        return _Entry(script=program)
    evaluates = _EVALUATORS.get(os.path.basename(program))
    if evaluates is not None:
        # (among the interpreter's own options only: `node train.js -e 10` is the script's)
        code, index = None, 1
        while code is None and index < len(tokens) - 1 and tokens[index].startswith("-"):
            option = tokens[index]
            if option in evaluates[0] or option.partition("=")[0] in evaluates[0] and "=" in option:
                code = index
            else:
                index += 2 if option in evaluates[1] else 1
        if code is not None:  # `node -e CODE`, `perl -e CODE`, `Rscript -e CODE`: no param
            glued = "=" in tokens[code]  # (`--eval=CODE`)
            after = code + (1 if glued else 2)
            after += tokens[after : after + 1] == ["--args"]  # (R's marker)
            return _Entry(prefix_end=after, params_start=after, code=tokens[code].partition(
                "=")[2] if glued else tokens[code + 1])
    if os.path.basename(program) == "R":
        return _r_entry(tokens, cwd)
    entry = _launched_entry(tokens, 1, cwd, launcher)
    if os.path.basename(program) == "Rscript" and tokens[entry.params_start:][:1] == ["--args"]:
        entry.prefix_end = entry.params_start = entry.params_start + 1  # (R's marker)
    return entry


def _r_entry(tokens: list[str], cwd: str) -> _Entry:
    """`R --vanilla -f train.R --args --lr 0.1` (or the script on its standard input): R's own
    options are none of the run's params; the program's come after `--args`, the script is
    `-f FILE` or `--file=FILE`."""
    end = tokens.index("--args") if "--args" in tokens else len(tokens)
    script = None
    for at in range(1, end):
        if tokens[at] in ("-f", "--file") and at + 1 < end:
            script = tokens[at + 1]
        elif tokens[at].startswith("--file="):
            script = tokens[at].partition("=")[2]
    start = min(end + 1, len(tokens))
    return _Entry(script=script if script and _is_file(script, cwd) else None, prefix_end=start,
                  params_start=start)


# Interpreters of other languages: the first file among their words is the program they run
# (`Rscript train.R --lr 0.1`); an installed program's first file is its program's only when
# it is code or can run itself (`timeout 60 ./train`), not its data (`svm-train -c 10
# data.svm`: the options before it are the run's params).
_INTERPRETERS = frozenset({"Rscript", "R", "node", "nodejs", "deno", "bun", "perl", "ruby",
                           "julia", "lua", "luajit", "php", "octave", "tclsh", "pwsh", "swift",
                           "ts-node", "tsx", "elixir", "racket", "guile", "awk", "gawk", "mawk",
                           "sh", "bash", "dash", "zsh", "ksh", "fish"})
# Those that run the code that follows an option of theirs, and those options (a shell's `-e`
# stops at an error; perl's and ruby's `-p` loops over lines).
# (and their options that take the next word: node's `-r dotenv/config`, julia's `-t 4`)
_EVALUATORS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    **dict.fromkeys(("node", "nodejs"), (
        frozenset({"-e", "--eval", "-p", "--print"}),
        frozenset({"-r", "--require", "--import", "--loader", "-C", "--conditions",
                   "--input-type"}))),
    **dict.fromkeys(("Rscript", "R", "ruby", "lua", "luajit"), (frozenset({"-e"}), frozenset())),
    "perl": (frozenset({"-e", "-E"}), frozenset({"-I", "-M", "-m"})),
    "julia": (frozenset({"-e", "--eval", "-E", "--print"}),
              frozenset({"-t", "--threads", "-p", "--procs", "--project", "-J", "--sysimage",
                         "-O", "--optimize"})),
}
_SCRIPT_SUFFIXES = (*_CODE_SUFFIXES, ".sh", ".bash", ".zsh", ".awk", ".sed", ".tcl", ".ps1")


def _installed(program: str, cwd: str) -> bool:
    """Whether a program given by its path is one installed on the machine (`/usr/bin/time`,
    in a folder of `PATH` or the system's), not the run's own."""
    if not os.path.isabs(program):
        return False
    path, root = os.path.realpath(program), os.path.realpath(cwd)
    if path.startswith(root + os.sep):
        return False  # (the run's own, `/usr/src/app/train.sh` run in `/usr/src/app`)
    folder = os.path.dirname(path)
    if (folder + "/").startswith(("/usr/", "/bin/", "/sbin/", "/opt/homebrew/")):
        return True
    return folder in {os.path.realpath(entry) for entry in
                      os.environ.get("PATH", "").split(os.pathsep) if entry}


def _runs_itself(path: str, cwd: str) -> bool:
    """Whether a file is a program: code by its suffix, or one that can be run."""
    return path.lower().endswith(_SCRIPT_SUFFIXES) or os.access(os.path.join(cwd, path), os.X_OK)


def _launched_entry(tokens: list[str], start: int, cwd: str, launcher: bool,
                    module: str | None = None) -> _Entry:
    """The first argument from `start` that is a file is the entry; what comes before it
    is a launcher's (`torchrun --nproc_per_node 2 train.py`). With none, a launcher's
    arguments are all its own."""
    for index in range(start, len(tokens)):
        token = tokens[index]
        if token == "--":
            break
        if launcher and token in ("-m", "--module") and index + 1 < len(tokens):
            # `torchrun --nproc_per_node 2 -m pkg.train --lr 0.1`: the module it runs
            return _Entry(module=tokens[index + 1], prefix_end=index + 1,
                          params_start=index + 2, launcher=True)
        if not token.startswith("-") and _is_file(token, cwd) and not (
                launcher and not token.endswith(".py") and tokens[index - 1].startswith("--")
                and "=" not in tokens[index - 1]):
            # (a launcher's option's file, `--config_file cfg.yaml`, is no program)
            if not (launcher or os.path.basename(tokens[0]) in _INTERPRETERS
                    or _runs_itself(token, cwd)):
                return _Entry()  # (an installed program's data: its words are its params)
            return _Entry(script=token, prefix_end=index, params_start=index + 1,
                          launcher=launcher)
    if launcher:
        return _Entry(module=module, prefix_end=len(tokens), params_start=len(tokens),
                      launcher=True)
    return _Entry()


# The JVM's options that take the next word (`-cp lib:.`), and make's (`-C dir`, `-f file`).
_JAVA_WITH_ARG = frozenset({"-cp", "-classpath", "--class-path", "-p", "--module-path",
                            "--upgrade-module-path", "--add-modules", "--add-opens",
                            "--add-exports", "--add-reads", "--patch-module", "--limit-modules",
                            "--enable-native-access"})
_MAKE_WITH_ARG = frozenset({"-C", "--directory", "-f", "--file", "--makefile", "-I",
                            "--include-dir", "-o", "--old-file", "--assume-old", "-W", "--what-if",
                            "--new-file", "--assume-new", "-l", "--load-average", "-O",
                            "--output-sync", "--eval"})


def _java_entry(tokens: list[str], cwd: str) -> _Entry:
    """`java [options] Main args...`, `java -jar app.jar args...`, `java Train.java args...`:
    the JVM's options are no params (`-Xmx4g`, `-cp lib`, `-Dkey=value`); the class (as a
    module), the jar or the source file is the program, and what follows it its arguments."""
    index = 1
    while index < len(tokens):
        token = tokens[index]
        if token == "-jar" and index + 1 < len(tokens):
            jar = tokens[index + 1]
            return _Entry(script=jar if _is_file(jar, cwd) else None, prefix_end=index + 2,
                          params_start=index + 2)
        if token.startswith("-"):
            index += 2 if token in _JAVA_WITH_ARG else 1
            continue
        script = token if _is_file(token, cwd) else None
        return _Entry(script=script, module=None if script else token, prefix_end=index + 1,
                      params_start=index + 1)
    return _Entry(prefix_end=len(tokens), params_start=len(tokens))


def _make_entry(tokens: list[str]) -> _Entry:
    """`make [options] [VAR=value ...] [targets]`: its variables are the params (`LR=0.01`),
    its options (`-j4`, `-C dir`) and targets are not."""
    entry = _Entry(prefix_end=len(tokens), params_start=len(tokens))
    index = 1
    while index < len(tokens):
        token = tokens[index]
        if token in _MAKE_WITH_ARG:
            index += 2
            continue
        if not token.startswith("-") and _ASSIGNMENT.fullmatch(token) and token[:1] not in "+~":
            entry.assignments.append(index)
        index += 1
    return entry


_ENV_WITH_ARG = frozenset({"-u", "--unset", "-C", "--chdir", "-S", "--split-string"})


def _env_entry(tokens: list[str], cwd: str) -> _Entry:
    """`env [options] [NAME=VALUE ...] COMMAND ...`: its variables are params (`LR=0.1`, as
    make's), the command it runs is read as if typed alone (its script the run's)."""
    index, assignments = 1, []
    while index < len(tokens):
        token = tokens[index]
        if token in _ENV_WITH_ARG:
            index += 2
        elif token.startswith("-"):
            index += 1
        elif _ASSIGNMENT.fullmatch(token) and token[:1] not in "+~":
            assignments.append(index)
            index += 1
        else:
            break
    if index >= len(tokens):
        return _Entry(prefix_end=len(tokens), params_start=len(tokens), assignments=assignments)
    return _inner_entry(tokens, index, cwd, assignments)


# Programs that run a command given after their own options and words, and so change how,
# not what, it runs: their options that take a value, and how many words of theirs come
# before the command (`timeout 60 cmd`, `taskset -c 0 cmd`: its CPU list).
_WRAPPERS: dict[str, tuple[frozenset[str], int]] = {
    "nice": (frozenset({"-n", "--adjustment"}), 0),
    "ionice": (frozenset({"-c", "-n", "--class", "--classdata"}), 0),
    "timeout": (frozenset({"-k", "-s", "--kill-after", "--signal"}), 1),
    "time": (frozenset({"-f", "-o", "--format", "--output"}), 0),
    "taskset": (frozenset(), 1),
    "stdbuf": (frozenset({"-i", "-o", "-e", "--input", "--output", "--error"}), 0),
    "nohup": (frozenset(), 0),
    "setsid": (frozenset(), 0),
    "chrt": (frozenset(), 1),
    "flock": (frozenset({"-w", "-E", "--timeout", "--conflict-exit-code"}), 1),
    "numactl": (frozenset({"-C", "-N", "-m", "-p", "-i", "--physcpubind", "--cpunodebind",
                           "--membind", "--preferred", "--interleave"}), 0),
}


# Tools that run a command in a project's environment, `uv run --with tqdm python train.py`,
# `poetry run train`, `conda run -n ml python train.py`: the command after `run` and the
# runner's options (those that take a value named), read as if typed alone.
_ENV_RUNNERS: dict[str, frozenset[str]] = {
    "uv": frozenset({"--with", "--with-editable", "--with-requirements", "--python", "-p",
                     "--project", "--directory", "--env-file", "--extra", "--group",
                     "--only-group", "--no-group", "--package", "--index", "--default-index",
                     "--index-url", "--extra-index-url", "--find-links", "-f", "--config-file",
                     "--cache-dir", "--color", "--exclude-newer", "--resolution", "--prerelease",
                     "--index-strategy", "--keyring-provider", "--link-mode", "--refresh-package",
                     "--reinstall-package", "--upgrade-package", "-P", "--no-binary-package",
                     "--no-build-package", "--python-platform"}),
    "conda": frozenset({"-n", "--name", "-p", "--prefix", "--cwd"}),
    "mamba": frozenset({"-n", "--name", "-p", "--prefix", "--cwd"}),
    "micromamba": frozenset({"-n", "--name", "-p", "--prefix", "--cwd"}),
    "poetry": frozenset({"-C", "--directory", "-P", "--project"}),
    "pipenv": frozenset(),
    "pdm": frozenset({"-p", "--project"}),
    "hatch": frozenset({"-e", "--env"}),
    "rye": frozenset({"--pyproject"}),
    "pixi": frozenset({"-e", "--environment", "--manifest-path"}),
}


def _env_runner_entry(tokens: list[str], cwd: str) -> _Entry | None:
    """`uv run --with tqdm python train.py --lr 0.3`: the command after the runner's `run` and
    its options, read as if typed alone; None for another of its subcommands."""
    valued = _ENV_RUNNERS[os.path.basename(tokens[0])]
    index = 1
    while index < len(tokens) and tokens[index].startswith("-") and tokens[index] != "--":
        index += 2 if tokens[index] in valued else 1  # (options before `run`: `uv -q run`)
    if tokens[index : index + 1] != ["run"]:
        return None
    index += 1
    while index < len(tokens) and tokens[index].startswith("-") and tokens[index] != "--":
        if tokens[index] in ("-m", "--module") and index + 1 < len(tokens):
            # (`uv run -m pkg.train --lr 0.3`: a module, as `python -m` runs it)
            return _Entry(module=tokens[index + 1], prefix_end=index + 2,
                          params_start=index + 2)
        index += 2 if tokens[index] in valued else 1
    if index < len(tokens) and tokens[index] == "--":
        index += 1
    if index >= len(tokens):
        return None
    return _inner_entry(tokens, index, cwd, [])


def _wrapper_entry(tokens: list[str], cwd: str) -> _Entry | None:
    """`nice -n 5 svm-train -c 10 data.svm`: the command after a wrapper's own words, read as
    if typed alone; None when there is none."""
    valued, words = _WRAPPERS[os.path.basename(tokens[0])]
    index = 1
    while index < len(tokens) and tokens[index].startswith("-") and tokens[index] != "--":
        index += 2 if tokens[index] in valued else 1
    if index < len(tokens) and tokens[index] == "--":
        index += 1
    index += words
    if index >= len(tokens):
        return None
    return _inner_entry(tokens, index, cwd, [])


def _inner_entry(tokens: list[str], index: int, cwd: str, assignments: list[int]) -> _Entry:
    """The entry of the command that starts at `tokens[index]`, placed in the whole line."""
    inner = _find_entry(tokens[index:], cwd)
    return _Entry(
        script=inner.script, module=inner.module, prefix_end=index + inner.prefix_end,
        params_start=index + inner.params_start,
        shell_script=None if inner.shell_script is None else index + inner.shell_script,
        notebook_params=[(index + i, raw) for i, raw in inner.notebook_params],
        notebook_files=[index + i for i in inner.notebook_files],
        assignments=assignments + [index + i for i in inner.assignments],
        set_params=[index + i for i in inner.set_params], launcher=inner.launcher,
        code=inner.code)


_SSHPASS_WITH_ARG = frozenset({"-p", "-f", "-d", "-P"})


def _sshpass_options(tokens: list[str], start: int) -> tuple[int, int | None]:
    """Where sshpass' options from `start` end, and the word that holds its password (`-p X`'s
    `X`, or `-pX` whole), if one does."""
    index, password = start, None
    while index < len(tokens) and tokens[index].startswith("-"):
        if tokens[index] == "-p" and index + 1 < len(tokens):
            password = index + 1
        elif tokens[index].startswith("-p") and len(tokens[index]) > 2:
            password = index
        index += 2 if tokens[index] in _SSHPASS_WITH_ARG else 1
    return index, password


def _sshpass_entry(tokens: list[str], cwd: str) -> _Entry:
    """`sshpass [-p PASSWORD|-f FILE|-d FD|-e] COMMAND ...`: its options are no params (its
    password is hidden by `parse_args`), the command it runs is read as if typed alone."""
    index = _sshpass_options(tokens, 1)[0]
    if index >= len(tokens):
        return _Entry(prefix_end=len(tokens), params_start=len(tokens), launcher=True)
    inner = _find_entry(tokens[index:], cwd)
    return _Entry(
        script=inner.script, module=inner.module, prefix_end=index + inner.prefix_end,
        params_start=index + inner.params_start, launcher=True)


def _dvc_entry(tokens: list[str]) -> _Entry:
    """`dvc repro`, `dvc exp run -S train.lr=0.05 -S params.yaml:epochs=3`: DVC's own options
    are no params (its stages' programs record theirs), but a param it sets, `-S` and
    `--set-param`, is one (`train.lr`; the file named before it is left out)."""
    set_params = [index for index, token in enumerate(tokens) if "=" in token and (
        token.startswith("--set-param=") or index and tokens[index - 1] in ("-S", "--set-param"))]
    return _Entry(prefix_end=len(tokens), params_start=len(tokens), set_params=set_params,
                  launcher=True)


def _papermill_entry(tokens: list[str], start: int, cwd: str) -> _Entry:
    """`papermill in.ipynb out.ipynb -p lr 0.01 -r name x --log-output`: the parameters
    it injects into the notebook; the rest is papermill's own (scanned for secrets only)."""
    entry = _Entry(prefix_end=len(tokens), params_start=len(tokens))
    index, seen = start, 0  # (the notebooks named so far)
    while index < len(tokens):
        token = tokens[index]
        if token in _PAPERMILL_PARAMS and index + 2 < len(tokens):
            entry.notebook_params.append((index, _PAPERMILL_PARAMS[token]))
            index += 3
            continue
        if token in _PAPERMILL_VALUED:
            if token in ("-y", "--parameters_yaml", "-f", "--parameters_file") and (
                    index + 1 < len(tokens)):
                entry.notebook_files.append(index)
            index += 2
            continue
        if not token.startswith("-"):
            if entry.script is None and not seen and _is_file(token, cwd):
                entry.script = token  # the input notebook
            elif seen == 1:
                entry.notebook_output = token  # (an input though it is there: a rerun's)
            seen += 1
        index += 1
    return entry


def papermill_output(argv: Sequence[str], cwd: str) -> str | None:
    """The notebook a papermill command writes (`papermill in.ipynb out.ipynb ...`'s
    `out.ipynb`), else None."""
    return _find_entry(list(argv), cwd).notebook_output if argv else None


def _small_file(path: str) -> str:
    """A parameters file's text (up to 1 MB), else ''."""
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read(1 << 20)
    except OSError:
        return ""


_YAML_LINE = re.compile(r"([A-Za-z_][\w.\-]{0,100}):[ \t]+(.*?)[ \t]*")


def _flat_yaml(text: str) -> dict[str, Any]:
    """The top-level `name: value` settings of papermill's YAML parameters (JSON is YAML too);
    nested ones are left out."""
    import json

    if text.lstrip()[:1] == "{":
        try:
            loaded = json.loads(text)
        except ValueError:
            loaded = None
        if isinstance(loaded, dict):
            return {str(k): v for k, v in loaded.items()
                    if isinstance(v, (bool, int, float, str)) or v is None}
    values: dict[str, Any] = {}
    for line in text.splitlines():
        match = _YAML_LINE.fullmatch(line)
        if match is not None and match.group(2)[:1] not in ("", "#", "|", ">", "&", "*"):
            value = match.group(2)
            quoted = len(value) > 1 and value[0] == value[-1] and value[0] in "'\""
            values[match.group(1)] = value[1:-1] if quoted else parse_value(value)
    return values


def _python_entry(tokens: list[str], cwd: str) -> _Entry:
    """Skip the interpreter's own options the way CPython reads them."""
    index = 1
    while index < len(tokens):
        token = tokens[index]
        if token == "-":  # the program comes on stdin
            return _Entry(params_start=index + 1)
        if token == "--":
            index += 1
            break
        if token.startswith("--"):
            index += 2 if token in _PYTHON_LONG_WITH_ARG else 1
            continue
        if not token.startswith("-"):
            break
        for position, letter in enumerate(token[1:], start=1):
            if letter not in _PYTHON_ARG_OPTIONS:
                continue
            attached = token[position + 1 :]
            value = attached if attached else (tokens[index + 1] if index + 1 < len(tokens) else "")
            after = index + 1 if attached else index + 2
            if letter == "m" and value == _PAPERMILL:
                return _papermill_entry(tokens, after, cwd)
            if letter == "m" and value in NOTEBOOK_MODULES:
                return _notebook_entry(tokens, after, cwd)
            if letter == "m" and value == "dvc":
                return _dvc_entry(tokens)  # `python -m dvc exp run -S lr=0.1`
            if letter == "m" and value in LAUNCHER_MODULES:
                # `python -m torch.distributed.run --nproc_per_node 2 train.py`
                return _launched_entry(tokens, after, cwd, True, value)
            if letter == "m":
                return _Entry(module=value or None, params_start=after)
            if letter == "c":  # `python -c CODE args...`: no file to point at
                return _Entry(params_start=after, code=value)
            index = after - 1  # -W/-X consumed their argument
            break
        index += 1
    if index >= len(tokens):
        return _Entry(params_start=len(tokens))
    candidate = tokens[index]
    return _Entry(script=candidate if _is_file(candidate, cwd) else None, params_start=index + 1)


def _shell_command_entry(tokens: list[str]) -> _Entry | None:
    """`sh -c 'SCRIPT' [NAME [ARGS...]]`: the script is code, not a param (as python -c)."""
    index = 1
    while index < len(tokens):
        token = tokens[index]
        if token == "--" or not token.startswith(("-", "+")):
            return None
        if token in _SHELL_LONG_WITH_ARG:
            index += 2
            continue
        if "c" in token[1:] and token.startswith("-") and not token.startswith("--"):
            script = index + 1 if index + 1 < len(tokens) else None
            return _Entry(params_start=index + 2, shell_script=script)
        # `-o pipefail`, `+O extglob`: a set/shopt option takes the next word
        index += 2 if token[-1] in "oO" and not token.startswith("--") else 1
    return None


def shell_outputs(argv: Sequence[str]) -> list[str]:
    """The files a shell command given whole (`sh -c 'python train.py | tee log.txt'`) writes
    its output to: `tee`'s files and what `>`, `>>`, `&>`, `2>` redirect to."""
    if not argv or os.path.basename(argv[0]) not in _SHELLS:
        return []
    entry = _shell_command_entry(list(argv))
    if entry is None or entry.shell_script is None:
        return []
    import shlex

    try:
        words = list(shlex.shlex(argv[entry.shell_script], posix=True, punctuation_chars=True))
    except ValueError:  # (an unclosed quote)
        return []
    out: list[str] = []
    teeing = False
    for index, word in enumerate(words):
        if index and words[index - 1][:1] in "<>":
            continue  # (a redirection's file, taken with it)
        if word in (">", ">>", "&>", ">|", "&>>") and index + 1 < len(words):
            out.append(words[index + 1])
        elif word[:1] in _SHELL_PUNCTUATION:
            teeing = False
        elif word == "tee" or word.endswith("/tee"):
            teeing = True
        elif teeing and not word.startswith("-") and not (
                word.isdigit() and words[index + 1 : index + 2] in ([">"], [">>"], [">&"])):
            out.append(word)  # (not a descriptor's number, `tee a.txt 2> e.txt`'s `2`)
    return [name for name in out if name[:1] not in _SHELL_PUNCTUATION and name != "/dev/null"]


_SHELL_PUNCTUATION = frozenset("();<>|&")


_SHELL_OPERATOR = re.compile(r"[();<>|&]+")
_SHELL_EDGE = r"""[\s=;&|()<>'"`]"""  # what may stand on either side of a shell word


def redact_shell(script: str, patterns: Sequence[str] = SECRET_PATTERNS) -> str:
    """A shell script with its secrets as `***`: credentials by their format, and the values
    of secret-looking options and assignments (`--password x`, `TOKEN=x`) wherever the same
    word stands. A script runlab cannot split into words (an open quote), or whose secret it
    cannot find again as written, is hidden whole."""
    import shlex

    text = redact_value(script, patterns)
    try:
        lexer = shlex.shlex(script, posix=True, punctuation_chars=True)
        lexer.whitespace_split = True
        words = list(lexer)
    except ValueError:
        words = []
        if any(is_secret(w, patterns) for w in re.split(f"{_SHELL_EDGE}+", script)):
            return REDACTED
    redacted = [redact_value(w, patterns) for w in words]
    scanner = _Scanner(words, redacted, (), (), patterns)
    start = 0
    for end in [*(i for i, w in enumerate(words) if _SHELL_OPERATOR.fullmatch(w)), len(words)]:
        scanner.scan(start, end)  # one simple command at a time: `;` is nobody's value
        start = end + 1
    for word, hidden in zip(words, redacted):
        if word == hidden or hidden == redact_value(word, patterns):
            continue
        value = word.partition("=")[2] if hidden.endswith("=" + REDACTED) else word
        if not value:
            continue
        pattern = re.compile(f"(?:(?<={_SHELL_EDGE})|^){re.escape(value)}(?={_SHELL_EDGE}|$)")
        text, found = pattern.subn(REDACTED, text)
        if not found and value in text:  # (not already taken by `redact_value`)
            return REDACTED
    return text


# Clients given a password in a word of their own spelling: curl's and wget's `-u user:pw`,
# MySQL's `-ppw` (glued, as its manual writes it).
_USER_PASSWORD = frozenset({"curl", "wget"})
_USER_OPTION = re.compile(r"--user|--proxy-user|-[A-Za-z]{0,8}[uU]")
_USER_ATTACHED = re.compile(r"(?P<option>--user=|--proxy-user=|-[uU])(?P<value>[^:]+:.+)")
_GLUED_PASSWORD = frozenset({"mysql", "mysqldump", "mysqladmin", "mariadb", "mariadb-dump"})


def _client_passwords(tokens: list[str], redacted: list[str]) -> list[str]:
    """The passwords such a client's words give, hidden in `redacted` where they stand."""
    at = next((i for i, token in enumerate(tokens[:8])
               if os.path.basename(token) in _USER_PASSWORD | _GLUED_PASSWORD), None)
    if at is None:
        return []
    found: list[str] = []
    glued = os.path.basename(tokens[at]) in _GLUED_PASSWORD
    for index in range(at + 1, len(tokens)):
        token = tokens[index]
        if glued and token.startswith("-p") and len(token) > 2 and token[2:3] != "-":
            found.append(token[2:])
            redacted[index] = "-p" + REDACTED
        elif glued:
            continue
        elif _USER_OPTION.fullmatch(token) and index + 1 < len(tokens):
            # (`-u`, `-U`, `--user`, `--proxy-user`, or after short flags, `-sSu`)
            user, colon, secret = tokens[index + 1].partition(":")
            if colon and secret:
                found.append(tokens[index + 1])
                redacted[index + 1] = f"{user}:{REDACTED}"
        elif (attached := _USER_ATTACHED.fullmatch(token)) is not None:
            # (`--user=alice:pw`, `-ualice:pw`)
            user, _, secret = attached["value"].partition(":")
            if secret:
                found.append(attached["value"])
                redacted[index] = f"{attached['option']}{user}:{REDACTED}"
    return found


def _is_file(path: str, cwd: str) -> bool:
    try:
        return os.path.isfile(os.path.join(cwd, path))
    except (OSError, ValueError):  # embedded NUL, name too long
        return False


def is_option(token: str) -> bool:
    """Whether an argv token is an option: a dash and more, and not a number (`-3`, `-.5`)."""
    return len(token) > 1 and token.startswith("-") and not NUMBER.fullmatch(token)


def _kind(value: Any) -> type:
    if isinstance(value, bool) or value is None:
        return type(value)
    return float if isinstance(value, int | float) else str


class _Scanner:
    """Walks a slice of argv once, collecting params and positionals and redacting secrets."""

    def __init__(
        self,
        tokens: list[str],
        redacted: list[str],
        bool_flags: Collection[str],
        ignore: Collection[str],
        secret_patterns: Sequence[str],
        cwd: str = ".",
    ) -> None:
        self.tokens = tokens
        self.redacted = redacted
        self.bool_flags = {name.lstrip("-+") for name in bool_flags}
        self.ignore = [name.lstrip("-+") for name in ignore]
        self.secret_patterns = secret_patterns
        self.cwd = cwd

    def scan(self, start: int, end: int) -> tuple[dict[str, Any], list[str]]:
        params: dict[str, Any] = {}
        positional: list[str] = []
        tokens = self.tokens
        index = start
        while index < end:
            token = tokens[index]
            if token == "--":
                # another program's words (`bin/train -- --api-key X`): no params, but what is
                # secret among them is hidden as it would be before the `--`
                self.scan(index + 1, end)
                positional.extend(self.redacted[index + 1 : end])
                break
            if is_option(token):
                index = self._option(index, end, params)
                continue
            assignment = _ASSIGNMENT.fullmatch(token)
            if assignment:
                self._assignment(index, assignment, params)
            elif not _DELETION.fullmatch(token):
                if index > start and _CONFIG_KEY.fullmatch(tokens[index - 1]) and is_secret(
                        tokens[index - 1], self.secret_patterns) and not (
                            index - 1 > start and self._took(tokens[index - 2])):
                    # (not after a secret option's value, `--api-key SECRET data.csv`)
                    # yacs' and detectron2's `KEY VALUE` overrides: `WANDB.API_KEY abc`
                    self.redacted[index] = REDACTED
                positional.append(self.redacted[index])
            index += 1
        return params, positional

    def _took(self, token: str) -> bool:
        """Whether an option took the word after it as its secret value (`--api-key X`, not
        `--config-file=x.yaml` nor a flag)."""
        name = token.lstrip("-")
        return is_option(token) and "=" not in token and name not in self.bool_flags and (
            is_secret(name, self.secret_patterns))

    def _option(self, index: int, end: int, params: dict[str, Any]) -> int:
        token = self.tokens[index]
        name = token.lstrip("-")
        if "=" in name:
            key, _, text = name.partition("=")
            if self.add(params, key, [parse_value(text)]):
                self.redacted[index] = token[: token.index("=") + 1] + REDACTED
            return index + 1
        negated = name[3:] if name.startswith("no-") and len(name) > 3 else None
        if name in self.bool_flags or (negated is not None and negated in self.bool_flags):
            self._flag(params, name, negated)
            return index + 1

        values: list[Any] = []
        after = index + 1
        # (a negative option takes a number only, `--no-repeat-ngram-size 3`: `--no-cuda
        # data.csv` is `cuda` false and a positional)
        while after < end and self._is_value(self.tokens[after]) and (
                negated is None or NUMBER.fullmatch(self.tokens[after]) is not None) and not (
                values and "." in self.tokens[after] and self.tokens[after][:1].isupper()
                and _CONFIG_KEY.fullmatch(self.tokens[after]) is not None):
            # (nor the `KEY VALUE` overrides after it, yacs' `--config-file c.yaml
            # SOLVER.BASE_LR 0.01` and `--opts WANDB.API_KEY x`: positionals, redacted)
            value = parse_value(self.tokens[after])
            if values and _kind(value) is not _kind(values[0]):
                break
            values.append(value)
            after += 1
        if not values and after < end and negated is None \
                and is_secret(name, self.secret_patterns) and _could_be_secret(
                    name, self.tokens[after]):
            values, after = [self.tokens[after]], after + 1  # `--password -x1`: the password
        if not values:
            self._flag(params, name, negated)
            return after
        if len(values) > 1 and is_secret(name, self.secret_patterns):
            # (a file after a secret is no part of it: `--api-key X data/train.csv` keeps the
            # positional, `--api-keys K1 K2` and `--basic-auth user p4ss/w0rd` are the
            # secret's, unless their word names a file there)
            path = next((i for i, value in enumerate(values[1:], 1) if isinstance(value, str)
                         and _PATH_LIKE.search(value) and os.path.exists(
                             os.path.join(self.cwd, value))), None)
            if path is not None:
                values, after = values[:path], index + 1 + path
        if len(values) > 1:  # (a list of overrides, `--opts WANDB.API_KEY x`: its secrets)
            hidden = _redact_any(values, self.secret_patterns)
            for i, (value, shown) in enumerate(zip(values, hidden)):
                if shown == REDACTED and value != REDACTED and isinstance(value, str) and (
                        _PATH_LIKE.search(value) and os.path.exists(os.path.join(self.cwd, value))):
                    # (a file there is no secret's value: `-k SECRETKEY data/train.csv`,
                    # `--name MYTOKEN data/train.csv`, the name a value that looks like one)
                    hidden[i] = value
                    continue
                if shown == REDACTED and value != REDACTED:
                    self.redacted[index + 1 + i] = REDACTED
            values = hidden
        if self.add(params, name, values):
            self.redacted[index + 1 : after] = [REDACTED] * len(values)
        return after

    def _assignment(self, index: int, match: re.Match[str], params: dict[str, Any]) -> None:
        prefix, key = match["prefix"] or "", match["key"]
        if prefix == "~":  # a Hydra deletion sets nothing
            secret = is_secret(key, self.secret_patterns)
        else:
            secret = self.add(params, key, [_override_value(match["value"])])
        if secret:
            self.redacted[index] = f"{prefix}{key}={REDACTED}"

    def _flag(self, params: dict[str, Any], name: str, negated: str | None) -> None:
        if self._ignored(name):
            return
        key, value = (negated, False) if negated is not None else (name, True)
        if not self._ignored(key):
            _store(params, key, [value])

    def add(self, params: dict[str, Any], key: str, values: list[Any]) -> bool:
        """Store a key's textual values; return whether they are secret (so argv hides them)."""
        secret = is_secret(key, self.secret_patterns)
        if self._ignored(key):
            return secret
        if secret:
            params[key] = REDACTED
        else:
            _store(params, key, [redact_value(v, self.secret_patterns) if isinstance(v, str)
                                 else v for v in values])
        return secret

    def _ignored(self, key: str) -> bool:
        return any(fnmatchcase(key, pattern) for pattern in self.ignore)

    def _is_value(self, token: str) -> bool:
        return token != "--" and not is_option(token) and not _ASSIGNMENT.fullmatch(token)


# A configuration's key as a word of its own, in capitals as yacs' (`SOLVER.BASE_LR`, `API_KEY`),
# or dotted whose last part names a secret at length (`wandb.api_key`, `hf.token`; not a
# file's name, `keys.txt`, `private.key`)
_CONFIG_KEY = re.compile(r"[A-Z][A-Z0-9_]{0,80}(?:\.[A-Z0-9_]{1,80}){0,8}"
                         r"|[a-z_]\w{0,80}(?:\.\w{1,80}){0,7}\.(?=\w*_|\w{4})\w{1,80}")


def _could_be_secret(name: str, token: str) -> bool:
    """Whether the word after a secret-looking option is its value, though it starts with a
    dash or looks like an override: anything but `--` or a long option (`--password -x1`);
    an override only after a password's option (`--password user=x`; `--use_auth_token
    lr=0.1` and `--ignore_mismatched_keys lr=0.1` are flags, then an override)."""
    assigned = _ASSIGNMENT.fullmatch(token)
    return not token.startswith("--") and not (
        assigned is not None and assigned["value"] and _SWITCH.search(name.lstrip("-")))


# An option's name that says it switches something on or off, no value of its own (`--use_
# auth_token`, `--ignore_mismatched_keys`, `--tokens_only`): an override after it is one; a
# base64 value's `=` (`--api-key c2st==`) is no override's.
_SWITCH = re.compile(r"^(?i:use|no|enable|disable|with|without|skip|require|trust|save|push"
                     r"|load|log|print|show|allow|ignore|strict|remove|shuffle|decode|encode"
                     r"|keep|drop|strip|add|return|output|report)(?:[-_]|$)|(?i:[-_]only)$")


def _store(params: dict[str, Any], key: str, values: list[Any]) -> None:
    if key in params:
        previous = params[key]
        values = (previous if isinstance(previous, list) else [previous]) + values
    params[key] = values[0] if len(values) == 1 else values
