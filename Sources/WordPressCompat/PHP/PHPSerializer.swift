/// PHP's `serialize()`, byte for byte, for the values ``PHPValue`` can hold.
public enum PHPSerializer {
    public static func serialize(_ value: PHPValue) -> [UInt8] {
        var out: [UInt8] = []
        write(value, to: &out)
        return out
    }

    /// An array key as `serialize()` writes it (`i:5;` or `s:3:"abc";`).
    public static func serialize(_ key: PHPArrayKey) -> [UInt8] {
        switch key {
        case .int(let number): serialize(PHPValue.int(number))
        case .string(let bytes): serialize(PHPValue.string(bytes))
        }
    }

    private static func write(_ value: PHPValue, to out: inout [UInt8]) {
        switch value {
        case .null:
            out += Array("N;".utf8)
        case .bool(let flag):
            out += Array((flag ? "b:1;" : "b:0;").utf8)
        case .int(let number):
            out += Array("i:\(number);".utf8)
        case .double(let text):
            out += Array("d:\(text);".utf8)
        case .string(let bytes):
            writeString(bytes, to: &out)
        case .array(let array):
            out += Array("a:\(array.count):{".utf8)
            for (key, element) in array.entries {
                switch key {
                case .int(let number): out += Array("i:\(number);".utf8)
                case .string(let bytes): writeString(bytes, to: &out)
                }
                write(element, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func writeString(_ bytes: [UInt8], to out: inout [UInt8]) {
        out += Array("s:\(bytes.count):\"".utf8)
        out += bytes
        out += Array("\";".utf8)
    }
}
