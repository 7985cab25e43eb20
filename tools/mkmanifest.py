#!/usr/bin/env python3
"""Write kernels-elf/build/manifest.json describing every committed target ELF.

Run from kernels-elf/ by the Makefile:
    python3 ../tools/mkmanifest.py --build build --out build/manifest.json NAME.VARIANT...

For each program it reads build/obj/NAME.VARIANT/program.info (written by the
ELF_RULE macro of kernels-elf/common/rules.mk) and the gcc -MMD dependency
files, and records:
  name, variant, board, elf path, sha256 of the ELF, sha256 over its sources
  (every .c/.S/.h/.ld it was built from, in sorted path order: for each file
  "path\\0" + bytes + "\\0"), the source list, compiler version string,
  compile and link flags, entry symbol and address, flash use and RAM use
  (from arm-none-eabi-size -A section sizes and the linker script symbols).
Output is deterministic (sorted keys, no timestamps, relative paths).
"""
import argparse
import hashlib
import json
import os
import re
import subprocess
import sys

CODE_SECTIONS = {".isr_vector", ".text", ".rodata", ".ARM.extab", ".ARM.exidx",
                 ".preinit_array", ".init_array", ".fini_array"}

BOARDS = {
    "f746": "STM32F746 (code: flash AXIM 0x08000000, data: DTCM 0x20000000)",
    "f746-itcm": "STM32F746 (code: flash ITCM alias 0x00200000, data: DTCM 0x20000000)",
    "f746-sram": "STM32F746 (code: flash AXIM 0x08000000, data: SRAM1 0x20010000)",
    "mps2": "QEMU mps2-an500 (code: SSRAM1 0x00000000, data: SSRAM2/3 0x20000000)",
}


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        h.update(f.read())
    return h.hexdigest()


def read_info(path):
    """program.info lines key=value; the absolute build directory (present in
    -ffile-prefix-map) is written as "." so the manifest is clone-independent."""
    cwd = os.getcwd()
    info = {}
    with open(path) as f:
        for line in f:
            line = line.rstrip("\n")
            if "=" in line:
                k, v = line.split("=", 1)
                info[k] = v.replace(cwd, "$(CURDIR)")
    return info


def deps_from_d(path):
    """Prerequisites listed in a gcc -MMD file (first rule only)."""
    if not os.path.exists(path):
        return []
    text = open(path).read().replace("\\\n", " ")
    first = text.split("\n", 1)[0]
    if ":" not in first:
        return []
    return [p for p in first.split(":", 1)[1].split() if p]


def symbols(elf):
    out = subprocess.run(["arm-none-eabi-nm", elf], check=True,
                         capture_output=True, text=True).stdout
    syms = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3:
            syms[parts[2]] = int(parts[0], 16)
    return syms


def section_sizes(elf):
    out = subprocess.run(["arm-none-eabi-size", "-A", "-d", elf], check=True,
                         capture_output=True, text=True).stdout
    secs = {}
    for line in out.splitlines():
        m = re.match(r"^(\.\S+)\s+(\d+)\s+(\d+)", line)
        if m:
            secs[m.group(1)] = (int(m.group(2)), int(m.group(3)))
    return secs


def entry_point(elf):
    out = subprocess.run(["arm-none-eabi-readelf", "-h", elf], check=True,
                         capture_output=True, text=True).stdout
    m = re.search(r"Entry point address:\s+0x([0-9a-fA-F]+)", out)
    return int(m.group(1), 16) if m else 0


def compiler_version():
    out = subprocess.run(["arm-none-eabi-gcc", "--version"], check=True,
                         capture_output=True, text=True).stdout
    return out.splitlines()[0].strip()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default="build")
    ap.add_argument("--out", required=True)
    ap.add_argument("programs", nargs="*")
    args = ap.parse_args()

    cc = compiler_version()
    entries = []
    for prog in sorted(set(args.programs)):
        objdir = os.path.join(args.build, "obj", prog)
        info = read_info(os.path.join(objdir, "program.info"))
        elf = os.path.join(args.build, prog + ".elf")
        sources = set(info.get("sources", "").split())
        for d in info.get("depfiles", "").split():
            sources.update(deps_from_d(d))
        ld = re.search(r"-T\s*(\S+)", info.get("ldflags", ""))
        if ld:
            sources.add(ld.group(1))
            sources.add(os.path.join(os.path.dirname(ld.group(1)), "sections.ld"))
        sources = sorted(os.path.normpath(s) for s in sources)
        src_hash = hashlib.sha256()
        for s in sources:
            src_hash.update(s.encode() + b"\0")
            with open(s, "rb") as f:
                src_hash.update(f.read())
            src_hash.update(b"\0")

        secs = section_sizes(elf)
        syms = symbols(elf)
        flash = sum(size for name, (size, _) in secs.items() if name in CODE_SECTIONS)
        data = secs.get(".data", (0, 0))[0]
        bss = secs.get(".bss", (0, 0))[0]
        big = secs.get(".bss_big", (0, 0))[0]
        stack = syms.get("__StackTop", 0) - syms.get("__StackLimit", 0)
        heap_avail = syms.get("__HeapLimit", 0) - syms.get("__HeapBase", 0)
        ram_region = syms.get("__StackTop", 0)
        big_addr = secs.get(".bss_big", (0, 0))[1]
        entry = entry_point(elf)
        entry_name = next((n for n, a in sorted(syms.items())
                           if (a & ~1) == (entry & ~1) and not n.startswith("$")), "")
        variant = info.get("variant", "")
        entries.append({
            "name": info.get("name", prog),
            "variant": variant,
            "board": BOARDS.get(variant, variant),
            "elf": os.path.relpath(elf, args.build),
            "elf_sha256": sha256_file(elf),
            "sources_sha256": src_hash.hexdigest(),
            "sources": sources,
            "compiler": cc,
            "cflags": info.get("cflags", ""),
            "ldflags": info.get("ldflags", ""),
            "entry_symbol": entry_name,
            "entry_address": "0x%08x" % entry,
            "flash_bytes": flash + data,
            "ram": {
                "data_bytes": data,
                "bss_bytes": bss,
                "big_buffer_bytes": big,
                "big_buffer_address": "0x%08x" % big_addr if big else None,
                "stack_bytes": stack,
                "heap_available_bytes": heap_avail,
                "static_bytes": data + bss + big,
                "stack_top": "0x%08x" % ram_region,
            },
            "ram_bytes": data + bss + big + stack,
        })

    doc = {
        "description": "M7Sim target programs built from kernels-elf/ (see kernels-elf/README.md)",
        "compiler": cc,
        "programs": entries,
    }
    tmp = args.out + ".tmp"
    with open(tmp, "w") as f:
        json.dump(doc, f, indent=2, sort_keys=True)
        f.write("\n")
    os.replace(tmp, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
