#!/usr/bin/env python3
"""Expected values for the generated ALU/M/A checks in rv64i.S, rv64m.S and rv64a.S,
computed from the ISA definition (not from QEMU).  Usage: gen-expected.py i|m|a
prints the TEST_* lines that were pasted into the .S file."""
import sys
M = (1 << 64) - 1
def u(v): return v & M
def s(v):
    v &= M
    return v - (1 << 64) if v >> 63 else v
def sx32(v):
    v &= 0xffffffff
    return u(v - (1 << 32) if v >> 31 else v)
def s32(v):
    v &= 0xffffffff
    return v - (1 << 32) if v >> 31 else v

RR = {
 'add': lambda a, b: u(a + b),
 'sub': lambda a, b: u(a - b),
 'sll': lambda a, b: u(a << (b & 63)),
 'slt': lambda a, b: int(s(a) < s(b)),
 'sltu': lambda a, b: int(u(a) < u(b)),
 'xor': lambda a, b: u(a ^ b),
 'srl': lambda a, b: u(a) >> (b & 63),
 'sra': lambda a, b: u(s(a) >> (b & 63)),
 'or': lambda a, b: u(a | b),
 'and': lambda a, b: u(a & b),
 'addw': lambda a, b: sx32(a + b),
 'subw': lambda a, b: sx32(a - b),
 'sllw': lambda a, b: sx32(a << (b & 31)),
 'srlw': lambda a, b: sx32((a & 0xffffffff) >> (b & 31)),
 'sraw': lambda a, b: sx32(s32(a) >> (b & 31)),
 # M
 'mul': lambda a, b: u(a * b),
 'mulh': lambda a, b: u((s(a) * s(b)) >> 64),
 'mulhsu': lambda a, b: u((s(a) * u(b)) >> 64),
 'mulhu': lambda a, b: u((u(a) * u(b)) >> 64),
 'div': lambda a, b: M if u(b) == 0 else (u(a) if (s(a) == -(1 << 63) and s(b) == -1) else u(int(s(a) / s(b)) if False else tdiv(s(a), s(b)))),
 'divu': lambda a, b: M if u(b) == 0 else u(a) // u(b),
 'rem': lambda a, b: u(a) if u(b) == 0 else (0 if (s(a) == -(1 << 63) and s(b) == -1) else u(trem(s(a), s(b)))),
 'remu': lambda a, b: u(a) if u(b) == 0 else u(a) % u(b),
 'mulw': lambda a, b: sx32(a * b),
 'divw': lambda a, b: M if (b & 0xffffffff) == 0 else (sx32(a) if (s32(a) == -(1 << 31) and s32(b) == -1) else sx32(tdiv(s32(a), s32(b)))),
 'divuw': lambda a, b: M if (b & 0xffffffff) == 0 else sx32((a & 0xffffffff) // (b & 0xffffffff)),
 'remw': lambda a, b: sx32(a) if (b & 0xffffffff) == 0 else (0 if (s32(a) == -(1 << 31) and s32(b) == -1) else sx32(trem(s32(a), s32(b)))),
 'remuw': lambda a, b: sx32(a) if (b & 0xffffffff) == 0 else sx32((a & 0xffffffff) % (b & 0xffffffff)),
}
def tdiv(a, b):
    q = abs(a) // abs(b)
    return q if (a < 0) == (b < 0) else -q
def trem(a, b):
    return a - tdiv(a, b) * b

RI = {
 'addi': lambda a, i: u(a + i),
 'slti': lambda a, i: int(s(a) < i),
 'sltiu': lambda a, i: int(u(a) < u(i)),
 'xori': lambda a, i: u(a ^ u(i)),
 'ori': lambda a, i: u(a | u(i)),
 'andi': lambda a, i: u(a & u(i)),
 'slli': lambda a, i: u(a << i),
 'srli': lambda a, i: u(a) >> i,
 'srai': lambda a, i: u(s(a) >> i),
 'addiw': lambda a, i: sx32(a + i),
 'slliw': lambda a, i: sx32(a << i),
 'srliw': lambda a, i: sx32((a & 0xffffffff) >> i),
 'sraiw': lambda a, i: sx32(s32(a) >> i),
}

def h(v):
    return '0x%016x' % u(v)

class Gen:
    def __init__(self, start):
        self.n = start
        self.out = []
    def rr(self, op, a, b, form=0):
        exp = RR[op](u(a), u(b))
        self.out.append('    TEST_RR%s(%d, %s, %s, %s, %s)' % (['', '_D1', '_D2', '_DD'][form], self.n, op, h(a), h(b), h(exp)))
        self.n += 1
    def ri(self, op, a, i, form=0):
        exp = RI[op](u(a), i)
        self.out.append('    TEST_RI%s(%d, %s, %s, %d, %s)' % (['', '_D1'][form], self.n, op, h(a), i, h(exp)))
        self.n += 1
    def comment(self, c):
        self.out.append('    /* %s */' % c)

def gen_i():
    MAX = 0x7fffffffffffffff; MIN = -0x8000000000000000
    g = Gen(1)
    g.comment('ADD')
    for a, b in [(0,0),(1,1),(3,7),(-1,1),(MAX,1),(MIN,-1),(0x7fffffff,1),(0xffffffff,1),(0x123456789abcdef0,0xfedcba9876543210),(-1,-1)]:
        g.rr('add', a, b)
    g.comment('SUB')
    for a, b in [(0,0),(0,1),(MIN,1),(MAX,-1),(1,2),(0x80000000,1),(-1,-1),(0,MIN)]:
        g.rr('sub', a, b)
    g.comment('SLL (shift amount = rs2[5:0])')
    for b in [0,1,31,32,63,64,65,-1]:
        g.rr('sll', 0x123456789abcdef1, b)
    g.rr('sll', 1, 63)
    g.comment('SRL / SRA')
    for op in ['srl', 'sra']:
        for b in [0,1,31,32,63,64,-1]:
            g.rr(op, 0x8000000000000001, b)
        g.rr(op, 0x7edcba9876543210, 4)
        g.rr(op, 0xfedcba9876543210, 36)
    g.comment('SLT / SLTU')
    for op in ['slt', 'sltu']:
        for a, b in [(0,0),(0,1),(1,0),(-1,0),(0,-1),(-1,-1),(MIN,MAX),(MAX,MIN),(MIN,MIN+1),(-2,-1),(0x80000000,0x7fffffff)]:
            g.rr(op, a, b)
    g.comment('XOR / OR / AND')
    for op in ['xor', 'or', 'and']:
        for a, b in [(0xff00ff00ff00ff00, 0x0f0f0f0f0f0f0f0f), (0, -1), (-1, -1), (0x123456789abcdef0, 0)]:
            g.rr(op, a, b)
    g.comment('rd == rs1, rd == rs2, rd == rs1 == rs2')
    g.rr('add', 13, 11, 1); g.rr('sub', 13, 11, 2); g.rr('add', 0x4000000000000000, 0x4000000000000000, 3)
    g.rr('sll', 1, 7, 1); g.rr('sll', 1, 7, 2); g.rr('sll', 3, 3, 3)
    g.rr('xor', 0x55, 0xff, 1); g.rr('xor', 0x55, 0xff, 2); g.rr('xor', 0x1234, 0x1234, 3)
    g.rr('slt', -5, 3, 1); g.rr('sltu', -5, 3, 2); g.rr('sltu', 9, 9, 3)
    g.comment('ADDW / SUBW (32-bit result sign-extended, upper input bits ignored)')
    for a, b in [(0x7fffffff,1),(0xffffffff,1),(0x123456789abcdef0,0x10),(-1,-1),(0x80000000,0x80000000),(0x100000000,0),(0xffffffff00000005,0x7ffffff0)]:
        g.rr('addw', a, b)
    for a, b in [(0,1),(0x80000000,1),(0x100000000,1),(0x7fffffff,-1),(0x123456789abcdef0,0x9abcdef0),(5,0xffffffff00000003)]:
        g.rr('subw', a, b)
    g.comment('SLLW / SRLW / SRAW (shift amount = rs2[4:0])')
    for b in [0,1,31,32,33,63]:
        g.rr('sllw', 0x12345679, b)
    g.rr('sllw', 0xffffffff00000001, 31)
    for b in [0,1,31,32,63]:
        g.rr('srlw', 0xffffffff80000000, b)
    g.rr('srlw', 0x123456789abcdef0, 4)
    for b in [0,1,31,32]:
        g.rr('sraw', 0x80000000, b)
    g.rr('sraw', 0x7fffffff, 1); g.rr('sraw', 0x7fffffff, 31); g.rr('sraw', 0x123456787fffffff, 4); g.rr('sraw', 0x00000000f0000000, 35)
    g.comment('ADDI / SLTI / SLTIU / XORI / ORI / ANDI (12-bit sign-extended immediates)')
    for a, i in [(0,0),(1,2047),(0,-2048),(MAX,1),(-1,1),(0x7fffffff,1),(5,-6)]:
        g.ri('addi', a, i)
    for a, i in [(0,1),(-1,0),(0,-1),(MIN,-2048),(MAX,2047),(-2049,-2048),(-2048,-2048)]:
        g.ri('slti', a, i)
    for a, i in [(0,1),(1,1),(0,-1),(-2,-1),(-1,-1),(5,0),(MAX,-2048)]:
        g.ri('sltiu', a, i)
    for a, i in [(0xff00ff00ff00ff00,0x0f0),(0x123456789abcdef0,-1),(0,-2048),(0xfff,2047)]:
        g.ri('xori', a, i)
    for a, i in [(0xff00ff00ff00ff00,0x0f0),(0,-1),(0x100,-2048),(0,2047)]:
        g.ri('ori', a, i)
    for a, i in [(0xff00ff00ff00fff0,0x0ff),(0x123456789abcdef0,-1),(-1,-2048),(-1,2047),(-1,0)]:
        g.ri('andi', a, i)
    g.comment('SLLI / SRLI / SRAI (6-bit shift amounts)')
    for i in [0,1,31,32,63]:
        g.ri('slli', 0x123456789abcdef1, i)
    for i in [0,1,31,32,63]:
        g.ri('srli', 0x8000000000000001, i)
    for i in [0,1,31,32,63]:
        g.ri('srai', 0x8000000000000001, i)
    g.ri('srai', 0x7fffffffffffffff, 62)
    g.comment('ADDIW / SLLIW / SRLIW / SRAIW')
    for a, i in [(0x7fffffff,1),(0,-1),(0xffffffff,0),(0x123456789abcdef0,0),(0x80000000,-1),(0x17ffffffe,2047),(0xfffffffe80000000,-2048)]:
        g.ri('addiw', a, i)
    for i in [0,1,31]:
        g.ri('slliw', 1, i)
    g.ri('slliw', 0x123456789abcdef1, 4); g.ri('slliw', 0xffffffff, 31)
    for i in [0,1,31]:
        g.ri('srliw', 0xffffffff80000001, i)
    g.ri('srliw', 0x123456789abcdef0, 8)
    for i in [0,1,31]:
        g.ri('sraiw', 0x80000001, i)
    g.ri('sraiw', 0x7ffffffe, 1); g.ri('sraiw', 0x12345678f0000000, 4)
    g.comment('immediate forms with rd == rs1')
    g.ri('addi', 100, -1, 1); g.ri('slli', 3, 62, 1); g.ri('sraiw', 0x80000000, 3, 1); g.ri('xori', 0, -1, 1)
    print('\n'.join(g.out))

def gen_m():
    MAX = 0x7fffffffffffffff; MIN = -0x8000000000000000
    I32MIN = -0x80000000
    g = Gen(1)
    def sec(name, pairs, ops):
        g.comment(name)
        for op in ops:
            for a, b in pairs:
                g.rr(op, a, b)
    g.comment('MUL')
    for a, b in [(0,0),(3,7),(-3,7),(-3,-7),(MAX,MAX),(MIN,-1),(MIN,MIN),(0x123456789abcdef0,0xfedcba9876543210),(0xffffffff,0xffffffff),(-1,-1)]:
        g.rr('mul', a, b)
    g.comment('MULH / MULHSU / MULHU')
    pairs = [(0,0),(3,7),(-3,7),(7,-3),(-3,-7),(MAX,MAX),(MIN,MIN),(MIN,MAX),(MIN,-1),(-1,-1),(0x123456789abcdef0,0xfedcba9876543210),(0xffffffff,0xffffffff),(1<<32,1<<32)]
    for op in ['mulh', 'mulhsu', 'mulhu']:
        for a, b in pairs:
            g.rr(op, a, b)
    g.comment('DIV / DIVU / REM / REMU (incl. divide by zero and INT_MIN / -1)')
    pairs = [(20,6),(-20,6),(20,-6),(-20,-6),(0,5),(5,0),(-5,0),(0,0),(MIN,-1),(MIN,1),(MIN,2),(MAX,-1),(MAX,MAX),(1,MAX),(-1,2),(0x123456789abcdef0,0x1000),(-1,-1)]
    for op in ['div', 'divu', 'rem', 'remu']:
        for a, b in pairs:
            g.rr(op, a, b)
    g.comment('MULW (low 32 bits, sign-extended; upper input bits ignored)')
    for a, b in [(3,7),(-3,7),(0x7fffffff,2),(0x10000,0x10000),(0x8000,0x10000),(0xffffffff,0xffffffff),(0x123456789abcdef0,0x0fedcba987654321),(0x100000003,0x200000005),(I32MIN,-1)]:
        g.rr('mulw', a, b)
    g.comment('DIVW / DIVUW / REMW / REMUW')
    pairs = [(20,6),(-20,6),(20,-6),(-20,-6),(5,0),(-5,0),(0,0),(I32MIN,-1),(I32MIN & 0xffffffff,0xffffffff),(0x7fffffff,-1),(0xffffffff,1),(0xffffffff,2),
             (0x1234567800000009,0xabcd000000000002),(0x100000000,1),(5,0x100000000),(0x80000000,0x100000001),(-1,-1)]
    for op in ['divw', 'divuw', 'remw', 'remuw']:
        for a, b in pairs:
            g.rr(op, a, b)
    g.comment('rd == rs1 / rd == rs2 / all the same')
    g.rr('mul', 1234, 5678, 1); g.rr('mulhu', -1, -1, 2); g.rr('div', 100, 7, 1); g.rr('rem', 100, 7, 2)
    g.rr('divuw', 0xffffffff, 0xffffffff, 3); g.rr('remw', -9, -9, 3); g.rr('mulw', 0x10001, 0x10001, 3); g.rr('divu', MIN, MIN, 3)
    print('\n'.join(g.out))

def gen_a():
    M=(1<<64)-1
    def sx32(v):
        v&=0xffffffff
        return (v-(1<<32))&M if v>>31 else v
    def s(v,b):
        v&=(1<<b)-1
        return v-(1<<b) if v>>(b-1) else v
    ops={
     'amoswap':lambda a,b,w:b,
     'amoadd':lambda a,b,w:(a+b),
     'amoxor':lambda a,b,w:a^b,
     'amoand':lambda a,b,w:a&b,
     'amoor':lambda a,b,w:a|b,
     'amomin':lambda a,b,w:a if s(a,w)<s(b,w) else b,
     'amomax':lambda a,b,w:a if s(a,w)>s(b,w) else b,
     'amominu':lambda a,b,w:a if (a&((1<<w)-1))<(b&((1<<w)-1)) else b,
     'amomaxu':lambda a,b,w:a if (a&((1<<w)-1))>(b&((1<<w)-1)) else b,
    }
    out=[]
    n=[30]
    def t(op,sz,mem,src):
        w=32 if sz=='w' else 64
        mask=(1<<w)-1
        new=ops[op](mem&mask,src&mask,w)&mask
        old=(sx32(mem) if w==32 else mem&M)
        newr=(sx32(new) if w==32 else new)
        out.append('    TEST_AMO_%s(%d, %s.%s, 0x%x, 0x%x, 0x%016x, 0x%016x)'%(sz.upper(),n[0],op,sz,mem,src&M,old,newr))
        n[0]+=1
    for sz in ['w','d']:
        if sz=='w':
            pairs=[(0x80000001,0xf7ffffffe),(0x00000005,0xfffffffffffffffd),(0xfffffffe,0xffffffff)]
        else:
            pairs=[(0x8000000000000001,0x7ffffffffffffffe),(5,(-3)&M),((-2)&M,(-1)&M)]
        for op in ops:
            for mem,src in pairs:
                t(op,sz,mem,src)
    print('\n'.join(out))

if __name__ == '__main__':
    {'i': gen_i, 'm': gen_m, 'a': gen_a}[sys.argv[1]]()
