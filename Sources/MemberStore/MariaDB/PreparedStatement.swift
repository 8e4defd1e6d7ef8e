internal import CMariaDB

/// A server-side prepared statement (`MYSQL_STMT*`), freed in `deinit`.
///
/// Parameters and result columns are bound to buffers that live only for one `run`; result columns
/// are fetched as text/bytes, and a value longer than the first buffer is read whole with
/// `mysql_stmt_fetch_column` (long text such as `session_tokens` is never truncated).
final class PreparedStatement {
    private let handle: UnsafeMutablePointer<MYSQL_STMT>
    let sql: String
    private let parameterCount: Int
    private let columnNames: [String]

    /// The first fetch buffer per column; longer values are re-read at their real length.
    private static let initialColumnBuffer = 256

    init(connection: UnsafeMutablePointer<MYSQL>, sql: String) throws(DatabaseError) {
        guard let handle = mysql_stmt_init(connection) else {
            throw MariaDBConnection.error(of: connection, in: sql)
        }
        self.handle = handle
        self.sql = sql
        let status = sql.withCString { mysql_stmt_prepare(handle, $0, UInt(sql.utf8.count)) }
        guard status == 0 else {
            let error = Self.error(of: handle, in: sql)
            mysql_stmt_close(handle)
            throw error
        }
        parameterCount = Int(mysql_stmt_param_count(handle))
        var names: [String] = []
        if let metadata = mysql_stmt_result_metadata(handle) {
            let count = Int(mysql_num_fields(metadata))
            if let fields = mysql_fetch_fields(metadata) {
                for index in 0..<count { names.append(String(cString: fields[index].name)) }
            }
            mysql_free_result(metadata)
        }
        columnNames = names
    }

    deinit {
        mysql_stmt_close(handle)
    }

    func run(_ values: [DatabaseValue]) throws(DatabaseError) -> QueryResult {
        precondition(values.count == parameterCount, "\(sql) takes \(parameterCount) values, got \(values.count)")
        try bindAndExecute(values)
        let rows = columnNames.isEmpty ? [] : try fetchRows()
        return QueryResult(
            rows: rows, affectedRows: UInt64(mysql_stmt_affected_rows(handle)),
            insertID: UInt64(mysql_stmt_insert_id(handle)))
    }

    private func bindAndExecute(_ values: [DatabaseValue]) throws(DatabaseError) {
        let count = max(values.count, 1)
        let binds = UnsafeMutablePointer<MYSQL_BIND>.allocate(capacity: count)
        binds.initialize(repeating: MYSQL_BIND(), count: count)
        let lengths = UnsafeMutablePointer<UInt>.allocate(capacity: count)
        lengths.initialize(repeating: 0, count: count)
        var buffers: [UnsafeMutableRawPointer] = []
        defer {
            for buffer in buffers { buffer.deallocate() }
            lengths.deallocate()
            binds.deallocate()
        }
        for (index, value) in values.enumerated() {
            switch value {
            case .null:
                binds[index].buffer_type = MYSQL_TYPE_NULL
            case .int(let number):
                let buffer = UnsafeMutableRawPointer.allocate(byteCount: 8, alignment: 8)
                buffer.storeBytes(of: number, as: Int64.self)
                buffers.append(buffer)
                binds[index].buffer_type = MYSQL_TYPE_LONGLONG
                binds[index].buffer = buffer
            case .text(let text):
                bindBytes(Array(text.utf8), type: MYSQL_TYPE_STRING, at: index)
            case .bytes(let bytes):
                bindBytes(bytes, type: MYSQL_TYPE_BLOB, at: index)
            }
        }

        func bindBytes(_ bytes: [UInt8], type: enum_field_types, at index: Int) {
            let buffer = UnsafeMutableRawPointer.allocate(byteCount: max(bytes.count, 1), alignment: 1)
            bytes.withUnsafeBytes {
                if let base = $0.baseAddress { buffer.copyMemory(from: base, byteCount: bytes.count) }
            }
            buffers.append(buffer)
            lengths[index] = UInt(bytes.count)
            binds[index].buffer_type = type
            binds[index].buffer = buffer
            binds[index].buffer_length = UInt(bytes.count)
            binds[index].length = lengths + index
        }

        if !values.isEmpty, mysql_stmt_bind_param(handle, binds) != 0 { throw Self.error(of: handle, in: sql) }
        guard mysql_stmt_execute(handle) == 0 else { throw Self.error(of: handle, in: sql) }
    }

    private func fetchRows() throws(DatabaseError) -> [DatabaseRow] {
        let count = columnNames.count
        let size = Self.initialColumnBuffer
        let binds = UnsafeMutablePointer<MYSQL_BIND>.allocate(capacity: count)
        binds.initialize(repeating: MYSQL_BIND(), count: count)
        let lengths = UnsafeMutablePointer<UInt>.allocate(capacity: count)
        lengths.initialize(repeating: 0, count: count)
        let nulls = UnsafeMutablePointer<CChar>.allocate(capacity: count)
        nulls.initialize(repeating: 0, count: count)
        let storage = UnsafeMutableRawPointer.allocate(byteCount: size * count, alignment: 8)
        defer {
            storage.deallocate()
            nulls.deallocate()
            lengths.deallocate()
            binds.deallocate()
            mysql_stmt_free_result(handle)
        }
        for index in 0..<count {
            binds[index].buffer_type = MYSQL_TYPE_STRING
            binds[index].buffer = storage + index * size
            binds[index].buffer_length = UInt(size)
            binds[index].length = lengths + index
            binds[index].is_null = nulls + index
        }
        guard mysql_stmt_bind_result(handle, binds) == 0 else { throw Self.error(of: handle, in: sql) }

        var rows: [DatabaseRow] = []
        while true {
            let status = mysql_stmt_fetch(handle)
            if status == MYSQL_NO_DATA { break }
            guard status == 0 || status == MYSQL_DATA_TRUNCATED else { throw Self.error(of: handle, in: sql) }
            var values: [[UInt8]?] = []
            values.reserveCapacity(count)
            for index in 0..<count {
                if nulls[index] != 0 {
                    values.append(nil)
                    continue
                }
                let length = Int(lengths[index])
                if length <= size {
                    values.append(Array(UnsafeRawBufferPointer(start: storage + index * size, count: length)))
                } else {
                    values.append(try fetchWholeColumn(index, length: length))
                }
            }
            rows.append(DatabaseRow(columnNames: columnNames, values: values))
        }
        return rows
    }

    /// Re-reads one truncated column into a buffer of its real length.
    private func fetchWholeColumn(_ index: Int, length: Int) throws(DatabaseError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: length)
        var realLength: UInt = 0
        let status = bytes.withUnsafeMutableBytes { buffer in
            var bind = MYSQL_BIND()
            bind.buffer_type = MYSQL_TYPE_STRING
            bind.buffer = buffer.baseAddress
            bind.buffer_length = UInt(length)
            return withUnsafeMutablePointer(to: &realLength) { lengthPointer in
                bind.length = lengthPointer
                return mysql_stmt_fetch_column(handle, &bind, UInt32(index), 0)
            }
        }
        guard status == 0 else { throw Self.error(of: handle, in: sql) }
        return bytes
    }

    static func error(of handle: UnsafeMutablePointer<MYSQL_STMT>, in statement: String) -> DatabaseError {
        DatabaseError(
            code: mysql_stmt_errno(handle), sqlState: String(cString: mysql_stmt_sqlstate(handle)),
            statement: statement, serverMessage: String(cString: mysql_stmt_error(handle)))
    }
}
