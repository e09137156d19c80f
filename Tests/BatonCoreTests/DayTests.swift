import Foundation
import Testing

@testable import BatonCore

@Suite("Day and formatNumber")
struct DayTests {
    @Test func theDayOfAMomentDependsOnTheTimeZone() throws {
        let lateEvening = Date(timeIntervalSince1970: 1_796_686_200)  // 2026-12-07 23:30 UTC
        #expect(Day(lateEvening, in: try #require(TimeZone(identifier: "UTC"))) == Day(year: 2026, month: 12, day: 7))
        #expect(
            Day(lateEvening, in: try #require(TimeZone(identifier: "Asia/Tokyo"))) == Day(year: 2026, month: 12, day: 8)
        )
        #expect(
            Day(lateEvening, in: try #require(TimeZone(identifier: "America/New_York")))
                == Day(year: 2026, month: 12, day: 7))
    }

    @Test func parsesIsoDates() throws {
        let day = try #require(Day("2026-03-07"))
        #expect(day.year == 2026 && day.month == 3 && day.day == 7)
        #expect(day.description == "2026-03-07")
        #expect(Day(year: 2026, month: 3, day: 7) == day)
        #expect(Day("0001-01-01")?.description == "0001-01-01")
        #expect(Day("9999-12-31")?.description == "9999-12-31")
        #expect(Day(year: 5, month: 1, day: 9)?.description == "0005-01-09")
    }

    @Test(arguments: ["2024-02-29", "2000-02-29", "1600-02-29", "2028-02-29"])
    func leapDays(text: String) {
        #expect(Day(text) != nil)
    }

    @Test(arguments: ["2023-02-29", "1900-02-29", "2100-02-29", "2024-02-30"])
    func notLeapDays(text: String) {
        #expect(Day(text) == nil)
    }

    @Test func monthLengths() {
        for month in 1...12 {
            let length = [4, 6, 9, 11].contains(month) ? 30 : month == 2 ? 28 : 31
            #expect(Day(year: 2025, month: month, day: length) != nil, "month \(month)")
            #expect(Day(year: 2025, month: month, day: length + 1) == nil, "month \(month)")
        }
    }

    @Test(arguments: [
        "", "2024", "2024-01", "2024-1-01", "2024-01-1", "24-01-01", "02024-01-01", "2024-13-01",
        "2024-00-10", "2024-01-00", "2024-01-32", "0000-01-01", "2024/01/01", "2024-01-01 ",
        " 2024-01-01", "2024-01-01T00:00", "abcd-ef-gh", "２０２４-01-01", "2024--1-01", "2024-01--1",
        "2024-+1-01", "+024-01-01", "2024-01-+1", "-024-01-01",
    ])
    func refusesAnythingElse(text: String) {
        #expect(Day(text) == nil)
    }

    @Test func ordering() throws {
        let days = ["2025-12-31", "2024-02-29", "2025-01-01", "2024-03-01"].compactMap(Day.init)
        #expect(days.count == 4)
        #expect(days.sorted().map(\.description) == ["2024-02-29", "2024-03-01", "2025-01-01", "2025-12-31"])
        #expect(try #require(Day("2024-01-31")) < #require(Day("2024-02-01")))
        #expect(!(try #require(Day("2024-02-01")) < #require(Day("2024-02-01"))))
    }

    @Test func codableAsText() throws {
        let day = try #require(Day("2026-12-31"))
        let data = try JSONEncoder().encode([day])
        #expect(String(decoding: data, as: UTF8.self) == #"["2026-12-31"]"#)
        #expect(try JSONDecoder().decode([Day].self, from: data) == [day])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([Day].self, from: Data(#"["2026-02-30"]"#.utf8))
        }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Day].self, from: Data(#"[20261231]"#.utf8)) }
    }

    @Test(arguments: [
        (3.0, "3"), (-7, "-7"), (0, "0"), (-0.0, "0"), (2.5, "2.5"), (-1.25, "-1.25"), (0.1 + 0.2, "0.3"),
        (1.0 / 3.0, "0.333333"), (1234567, "1234567"), (12.000001, "12.000001"), (99.990, "99.99"),
    ])
    func formatsNumbersForPeople(value: Double, text: String) {
        #expect(formatNumber(value) == text)
    }

    @Test func formatsLargeNumbersWithoutExponent() {
        #expect(formatNumber(1e14) == "100000000000000")
        #expect(!formatNumber(1e15).contains("e"))
        #expect(!formatNumber(1e20).contains("e"))
    }

    @Test func tinyNegativeNumbersAreNotMinusZero() {
        #expect(formatNumber(1e-7) == "0")
        #expect(formatNumber(-1e-7) == "0")
        #expect(formatNumber(-0.0000004) == "0")
        #expect(formatNumber(-0.000001) == "-0.000001")
    }
}
