import Foundation
import Testing

@testable import IARSCore
@testable import IARSInput

/// Scenario files: every rule of spec/capacity-plan.md "Scenario file", the
/// reader's guard rails, and the exact diagnostics users see.
@Suite struct ScenarioLoaderTests {
    // MARK: - Fixtures

    /// The spec's example, as written there (plus an `initial` at a shelter that accepts the group).
    static let example = """
        name: albania-2001            # required, [A-Za-z0-9._-]+
        description: free text        # optional
        start: 2001-01                # first planning month, YYYY-MM
        months: 12                    # horizon T, 1..120
        currency: USD                 # optional label, default USD

        groups:                       # kinds of cases; at least one
          - id: md-women              # unique id, [a-z0-9_-]+ (same rule for all ids)
            country: MD               # ISO 3166-1 alpha-2 country of return
            arrivals: [12, 10, 14, 9, 11, 12, 15, 13, 10, 9, 8, 12]  # T integers, or one integer for every month
            processing_months: 1      # L >= 1
            priority: 1               # weight of one unmet case, > 0, default 1
            initial:                  # optional: cases already in shelter when month 1 starts
              - { shelter: tirana, count: 4, ready_month: 1 }

        shelters:                     # at least one
          - id: tirana
            beds: 20                  # integer, or T integers
            bed_night_cost: 12.5      # >= 0, per occupied bed and night
            accepts: [md-women]       # optional, default: every group

        medical:                      # screening providers
          - id: tirana-clinic
            slots: 40                 # screenings per month, integer or T integers
            cost_per_screening: 30    # >= 0
            serves: [tirana]          # optional, default: every shelter

        routes:                       # return transport
          - id: tirana-chisinau-bus
            country: MD
            seats_per_departure: 8    # integer >= 1
            departures: 4             # most departures per month, integer or T integers
            cost_per_seat: 95         # >= 0, per returned case
            cost_per_departure: 0     # >= 0, fixed cost of running one departure

        partners:                     # reintegration partners in countries of return
          - id: md-partner
            country: MD
            slots: 15                 # cases received per month, integer or T integers
            cost_per_case: 150        # >= 0

        budget:                       # optional; both keys optional
          total: 20500                # cap on total cost over the horizon
          monthly: 3000               # cap per month, number or T numbers

        options:                      # optional
          integer: true               # default true; false solves the LP relaxation
          time_limit_seconds: 60      # optional; then the best plan found is reported
        """

    /// The same scenario as JSON.
    static let exampleJSON = """
        {
          "name": "albania-2001", "description": "free text", "start": "2001-01", "months": 12, "currency": "USD",
          "groups": [
            {"id": "md-women", "country": "MD", "arrivals": [12, 10, 14, 9, 11, 12, 15, 13, 10, 9, 8, 12],
             "processing_months": 1, "priority": 1,
             "initial": [{"shelter": "tirana", "count": 4, "ready_month": 1}]}
          ],
          "shelters": [{"id": "tirana", "beds": 20, "bed_night_cost": 12.5, "accepts": ["md-women"]}],
          "medical": [{"id": "tirana-clinic", "slots": 40, "cost_per_screening": 30, "serves": ["tirana"]}],
          "routes": [{"id": "tirana-chisinau-bus", "country": "MD", "seats_per_departure": 8, "departures": 4,
                      "cost_per_seat": 95, "cost_per_departure": 0}],
          "partners": [{"id": "md-partner", "country": "MD", "slots": 15, "cost_per_case": 150}],
          "budget": {"total": 20500, "monthly": 3000},
          "options": {"integer": true, "time_limit_seconds": 60}
        }
        """

    static let expectedExample = Scenario(
        name: "albania-2001", description: "free text", start: YearMonth(year: 2001, month: 1), months: 12,
        currency: "USD",
        groups: [
            Group(
                id: "md-women", country: "MD", arrivals: [12, 10, 14, 9, 11, 12, 15, 13, 10, 9, 8, 12],
                processingMonths: 1, priority: 1,
                initial: [InitialCases(shelter: "tirana", count: 4, readyMonth: 1)])
        ],
        shelters: [
            Shelter(
                id: "tirana", beds: Array(repeating: 20, count: 12), bedNightCost: 12.5,
                accepts: ["md-women"])
        ],
        medical: [
            MedicalProvider(
                id: "tirana-clinic", slots: Array(repeating: 40, count: 12),
                costPerScreening: 30, serves: ["tirana"])
        ],
        routes: [
            Route(
                id: "tirana-chisinau-bus", country: "MD", seatsPerDeparture: 8,
                departures: Array(repeating: 4, count: 12), costPerSeat: 95, costPerDeparture: 0)
        ],
        partners: [
            Partner(
                id: "md-partner", country: "MD", slots: Array(repeating: 15, count: 12),
                costPerCase: 150)
        ],
        budget: Budget(total: 20500, monthly: Array(repeating: 3000, count: 12)),
        options: Options(integer: true, timeLimitSeconds: 60))

    /// A small valid scenario; the cases below edit it. Line numbers matter.
    static let base = """
        name: test
        start: 2001-01
        months: 3
        groups:
          - id: md-women
            country: MD
            arrivals: [5, 6, 7]
            processing_months: 1
          - id: ua-men
            country: UA
            arrivals: 2
            processing_months: 2
        shelters:
          - id: tirana
            beds: 20
            bed_night_cost: 12.5
          - id: durres
            beds: [4, 4, 5]
            bed_night_cost: 10
            accepts: [ua-men]
        """

    /// Diagnostics for `text`, as printed; empty when it is a valid scenario.
    static func problems(_ text: String, file: String = "s.yaml", limits: ReaderLimits = .init()) -> [String] {
        do {
            _ = try ScenarioLoader.parse(text: text, file: file, limits: limits)
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    static func edit(_ text: String, _ edits: [(String, String)]) -> String {
        edits.reduce(text) { text, edit in
            precondition(text.contains(edit.0), "fixture has no \(edit.0)")
            return text.replacingOccurrences(of: edit.0, with: edit.1)
        }
    }

    // MARK: - Valid files

    @Test func specExampleParses() throws {
        let scenario = try ScenarioLoader.parse(text: Self.example, file: "albania.yaml")
        #expect(scenario == Self.expectedExample)
    }

    @Test func jsonReadsLikeYAML() throws {
        let fromJSON = try ScenarioLoader.parse(text: Self.exampleJSON, file: "albania.json")
        #expect(fromJSON == Self.expectedExample)
    }

    @Test func defaultsAreApplied() throws {
        let text =
            Self.base + """

                medical:
                  - id: clinic
                    slots: 9
                    cost_per_screening: 30
                routes:
                  - id: bus
                    country: MD
                    seats_per_departure: 8
                    departures: [1, 0, 1]
                    cost_per_seat: 95
                partners:
                  - id: p
                    country: MD
                    slots: 15
                    cost_per_case: 150
                """
        let s = try ScenarioLoader.parse(text: text, file: "s.yaml")
        #expect(s.currency == "USD")
        #expect(s.description == nil)
        #expect(s.groups.map(\.priority) == [1, 1])
        #expect(s.groups[1].arrivals == [2, 2, 2])
        #expect(s.groups.map(\.initial) == [[], []])
        #expect(s.shelters[0].accepts == ["md-women", "ua-men"])
        #expect(s.shelters[1].accepts == ["ua-men"])
        #expect(
            s.medical == [
                MedicalProvider(
                    id: "clinic", slots: [9, 9, 9], costPerScreening: 30,
                    serves: ["tirana", "durres"])
            ])
        #expect(
            s.routes == [
                Route(
                    id: "bus", country: "MD", seatsPerDeparture: 8, departures: [1, 0, 1],
                    costPerSeat: 95, costPerDeparture: 0)
            ])
        #expect(s.partners.map(\.slots) == [[15, 15, 15]])
        #expect(s.budget == Budget())
        #expect(s.options == Options(integer: true, timeLimitSeconds: nil))
    }

    @Test func omittedOptionalSections() throws {
        let s = try ScenarioLoader.parse(text: Self.base, file: "s.yaml")
        #expect(s.medical.isEmpty && s.routes.isEmpty && s.partners.isEmpty)
        #expect(s.start == YearMonth(year: 2001, month: 1) && s.months == 3)
    }

    /// YAML 1.2 core scalars: `NO` is Norway, not false.
    @Test func countryNOIsNorway() throws {
        let s = try ScenarioLoader.parse(text: Self.edit(Self.base, [("country: UA", "country: NO")]), file: "s.yaml")
        #expect(s.groups[1].country == "NO")
    }

    @Test func floatWithoutFractionIsAnInteger() throws {
        let s = try ScenarioLoader.parse(text: Self.edit(Self.base, [("beds: 20", "beds: 20.0")]), file: "s.yaml")
        #expect(s.shelters[0].beds == [20, 20, 20])
    }

    @Test func aliasesAreExpanded() throws {
        let text = Self.edit(
            Self.base,
            [
                ("arrivals: [5, 6, 7]", "arrivals: &flat [3, 3, 3]"), ("beds: 20", "beds: *flat"),
            ])
        let s = try ScenarioLoader.parse(text: text, file: "s.yaml")
        #expect(s.shelters[0].beds == [3, 3, 3])
    }

    /// A `*` that is not an alias does not upset the alias-key scan.
    @Test func starsInTextAreFine() throws {
        let text = Self.edit(
            Self.base,
            [
                (
                    "name: test",
                    """
                    name: test
                    description: |
                      *note: not an alias
                      [x]: neither
                    currency: "*EUR*: yes"
                    """
                )
            ])
        let s = try ScenarioLoader.parse(text: text, file: "s.yaml")
        #expect(s.description == "*note: not an alias\n[x]: neither\n")
        #expect(s.currency == "*EUR*: yes")
    }

    // MARK: - Diagnostics, one rule at a time

    struct Case: CustomTestStringConvertible, Sendable {
        var label: String
        var text: String
        var expected: [String]
        var testDescription: String { label }

        init(_ label: String, _ edits: [(String, String)], _ expected: [String]) {
            self.label = label
            self.text = ScenarioLoaderTests.edit(ScenarioLoaderTests.base, edits)
            self.expected = expected
        }

        init(_ label: String, text: String, _ expected: [String]) {
            self.label = label
            self.text = text
            self.expected = expected
        }
    }

    static let cases: [Case] = [
        Case(
            "wrong series length", [("arrivals: [5, 6, 7]", "arrivals: [5, 6]")],
            [
                "s.yaml:7: groups[0].arrivals: expected 3 values (months: 3), got 2"
            ]),
        Case(
            "wrong series length, block list", [("beds: [4, 4, 5]", "beds:\n      - 4\n      - 4")],
            [
                "s.yaml:19: shelters[1].beds: expected 3 values (months: 3), got 2"
            ]),
        Case(
            "unknown key with did-you-mean", [("beds: 20", "bed: 20")],
            [
                "s.yaml:14: shelters[0].beds: required key is missing",
                "s.yaml:15: shelters[0].bed: unknown key; did you mean 'beds'? (allowed: id, beds, bed_night_cost, accepts)",
            ]),
        Case(
            "swapped letters are a typo too", [("processing_months: 2", "processnig_months: 2")],
            [
                "s.yaml:9: groups[1].processing_months: required key is missing",
                "s.yaml:12: groups[1].processnig_months: unknown key; did you mean 'processing_months'? "
                    + "(allowed: id, country, arrivals, processing_months, priority, initial)",
            ]),
        Case(
            "unknown key without a likely match", [("months: 3", "months: 3\nfoo: 1")],
            [
                "s.yaml:4: foo: unknown key (allowed: name, start, months, groups, shelters, description, currency, "
                    + "medical, routes, partners, budget, options, variants, uncertainty, buy)"
            ]),
        Case(
            "merge keys are plain keys in YAML 1.2", [("months: 3", "months: 3\n<<: {currency: EUR}")],
            [
                "s.yaml:4: <<: unknown key (allowed: name, start, months, groups, shelters, description, currency, "
                    + "medical, routes, partners, budget, options, variants, uncertainty, buy)"
            ]),
        Case(
            "missing required key", [("start: 2001-01\n", "")],
            [
                "s.yaml:1: start: required key is missing"
            ]),
        Case(
            "missing required key in a list entry", [("    bed_night_cost: 10\n", "")],
            [
                "s.yaml:17: shelters[1].bed_night_cost: required key is missing"
            ]),
        Case(
            "wrong types",
            [
                ("months: 3", "months: \"3\""), ("processing_months: 1", "processing_months: [1]"),
                ("bed_night_cost: 12.5", "bed_night_cost: cheap"), ("country: MD", "country: 12"),
            ],
            [
                "s.yaml:3: months: expected an integer, got the string '3'",
                "s.yaml:6: groups[0].country: expected an ISO 3166-1 alpha-2 country code (two capital letters), "
                    + "got the number 12",
                "s.yaml:8: groups[0].processing_months: expected an integer, got a list",
                "s.yaml:16: shelters[0].bed_night_cost: expected a finite number, got the string 'cheap'",
            ]),
        Case(
            "null where a value is required", [("bed_night_cost: 12.5", "bed_night_cost:")],
            [
                "s.yaml:16: shelters[0].bed_night_cost: expected a finite number, got nothing (null)"
            ]),
        Case(
            "true is not a number", [("processing_months: 2", "processing_months: TRUE")],
            [
                "s.yaml:12: groups[1].processing_months: expected an integer, got a boolean (true)"
            ]),
        Case(
            "negative numbers",
            [
                ("arrivals: [5, 6, 7]", "arrivals: [5, -6, 7]"), ("bed_night_cost: 10", "bed_night_cost: -0.5"),
                ("processing_months: 1", "processing_months: 0"),
            ],
            [
                "s.yaml:7: groups[0].arrivals[1]: must be >= 0, got -6",
                "s.yaml:8: groups[0].processing_months: must be >= 1, got 0",
                "s.yaml:19: shelters[1].bed_night_cost: must be >= 0, got -0.5",
            ]),
        Case(
            "fractions where integers are required", [("beds: 20", "beds: 20.5")],
            [
                "s.yaml:15: shelters[0].beds: expected an integer, got the number 20.5"
            ]),
        Case(
            "huge numbers are capped",
            [
                ("arrivals: 2", "arrivals: 99999999999999999999"), ("beds: 20", "beds: 5000000"),
                ("bed_night_cost: 12.5", "bed_night_cost: 1e10"), ("months: 3", "months: 121"),
            ],
            [
                "s.yaml:3: months: must be <= 120, got 121",
                "s.yaml:11: groups[1].arrivals: must be <= 1000000 (the cap on counts), got 1e+20",
                "s.yaml:15: shelters[0].beds: must be <= 1000000 (the cap on counts), got 5000000",
                "s.yaml:16: shelters[0].bed_night_cost: must be <= 1000000000 (the cap on costs), got 10000000000",
            ]),
        Case(
            "non-finite numbers", [("bed_night_cost: 12.5", "bed_night_cost: .inf"), ("beds: 20", "beds: .nan")],
            [
                "s.yaml:15: shelters[0].beds: expected an integer, got the number nan",
                "s.yaml:16: shelters[0].bed_night_cost: expected a finite number, got the number inf",
            ]),
        Case(
            "bad name, start and ids",
            [
                ("name: test", "name: my test"), ("start: 2001-01", "start: 2001-13"),
                ("id: md-women", "id: MD_Women"), ("id: durres", "id: durrës"),
            ],
            [
                "s.yaml:1: name: 'my test' is not a name of letters, digits, '.', '_' or '-'",
                "s.yaml:2: start: '2001-13' is not a month YYYY-MM",
                "s.yaml:5: groups[0].id: 'MD_Women' is not an id of a-z, 0-9, '_' or '-'; did you mean 'md_women'?",
                "s.yaml:17: shelters[1].id: 'durrës' is not an id of a-z, 0-9, '_' or '-'",
            ]),
        Case(
            "bad country", [("country: MD", "country: Moldova")],
            [
                "s.yaml:6: groups[0].country: 'Moldova' is not an ISO 3166-1 alpha-2 country code (two capital letters)"
            ]),
        Case(
            "duplicate ids",
            [
                ("id: durres", "id: tirana"),
                (
                    "accepts: [ua-men]",
                    "accepts: [ua-men]\n" + """
                          - id: tirana
                            beds: 1
                            bed_night_cost: 1
                        """
                ),
            ],
            [
                "s.yaml:17: shelters[1].id: duplicate shelter id 'tirana' (first at line 14)",
                "s.yaml:21: shelters[2].id: duplicate shelter id 'tirana' (first at line 14)",
            ]),
        Case(
            "unknown group in accepts", [("accepts: [ua-men]", "accepts: [ua-men, md-wemen, kids]")],
            [
                "s.yaml:20: shelters[1].accepts[1]: unknown group 'md-wemen'; did you mean 'md-women'?",
                "s.yaml:20: shelters[1].accepts[2]: unknown group 'kids'",
            ]),
        Case(
            "initial at a shelter that does not accept the group",
            [
                (
                    "processing_months: 1",
                    """
                    processing_months: 1
                        initial:
                          - { shelter: durres, count: 2, ready_month: 1 }
                          - { shelter: tirana, count: -1, ready_month: 0 }
                          - { shelter: tiranna, count: 1, ready_month: 1 }
                          - { shelter: tirana, count: 1 }
                    """
                )
            ],
            [
                "s.yaml:10: groups[0].initial[0].shelter: shelter 'durres' does not accept group 'md-women'",
                "s.yaml:11: groups[0].initial[1].count: must be >= 0, got -1",
                "s.yaml:11: groups[0].initial[1].ready_month: must be >= 1, got 0",
                "s.yaml:12: groups[0].initial[2].shelter: unknown shelter 'tiranna'; did you mean 'tirana'?",
                "s.yaml:13: groups[0].initial[3].ready_month: required key is missing",
            ]),
        Case(
            "empty and wrong lists",
            [("groups:", "groups: []\nold_groups:"), ("accepts: [ua-men]", "accepts: ua-men")],
            [
                "s.yaml:4: groups: at least one entry is required",
                "s.yaml:5: old_groups: unknown key (allowed: name, start, months, groups, shelters, description, "
                    + "currency, medical, routes, partners, budget, options, variants, uncertainty, buy)",
                "s.yaml:21: shelters[1].accepts: expected a list of group ids, got the string 'ua-men'",
            ]),
        Case(
            "budget and options",
            [
                (
                    "accepts: [ua-men]",
                    """
                    accepts: [ua-men]
                    budget:
                      total: -1
                      monthly: [1, 2]
                      month: 3
                    options:
                      integer: yes
                      time_limit_seconds: 0
                    """
                )
            ],
            [
                "s.yaml:22: budget.total: must be >= 0, got -1",
                "s.yaml:23: budget.monthly: expected 3 values (months: 3), got 2",
                "s.yaml:24: budget.month: unknown key; did you mean 'monthly'? (allowed: total, monthly)",
                "s.yaml:26: options.integer: expected true or false, got the string 'yes'",
                "s.yaml:27: options.time_limit_seconds: must be > 0, got 0",
            ]),
        Case(
            "routes, partners and medical",
            [
                (
                    "accepts: [ua-men]",
                    """
                    accepts: [ua-men]
                    medical:
                      - id: clinic
                        slots: [1, 2, x]
                        cost_per_screening: 30
                        serves: [tirana, durress]
                    routes:
                      - id: bus
                        country: md
                        seats_per_departure: 0
                        departures: 4
                        cost_per_seat: 95
                        cost_per_departure: -5
                    partners:
                      - id: p
                        country: MD
                        slots: 15
                    """
                )
            ],
            [
                "s.yaml:23: medical[0].slots[2]: expected an integer, got the string 'x'",
                "s.yaml:25: medical[0].serves[1]: unknown shelter 'durress'; did you mean 'durres'?",
                "s.yaml:28: routes[0].country: 'md' is not an ISO 3166-1 alpha-2 country code (two capital letters); did you mean 'MD'?",
                "s.yaml:29: routes[0].seats_per_departure: must be >= 1, got 0",
                "s.yaml:32: routes[0].cost_per_departure: must be >= 0, got -5",
                "s.yaml:34: partners[0].cost_per_case: required key is missing",
            ]),
        Case(
            "several errors, in line order",
            [
                ("start: 2001-01", "start: 2001-1"), ("arrivals: 2", "arrivals: [1, 2, 3, 4]"),
                ("beds: 20", "bed: 20"), ("accepts: [ua-men]", "accepts: [ua-man]"),
            ],
            [
                "s.yaml:2: start: '2001-1' is not a month YYYY-MM",
                "s.yaml:11: groups[1].arrivals: expected 3 values (months: 3), got 4",
                "s.yaml:14: shelters[0].beds: required key is missing",
                "s.yaml:15: shelters[0].bed: unknown key; did you mean 'beds'? (allowed: id, beds, bed_night_cost, accepts)",
                "s.yaml:20: shelters[1].accepts[0]: unknown group 'ua-man'; did you mean 'ua-men'?",
            ]),
        Case(
            "top level is not a mapping", text: "- name: x\n",
            [
                "s.yaml:1: expected a mapping, got a list"
            ]),
        Case(
            "duplicate YAML key", [("beds: [4, 4, 5]", "beds: [4, 4, 5]\n    beds: 3")],
            [
                "s.yaml:19: invalid YAML: duplicate key 'beds' (first at line 18)"
            ]),
        Case(
            "duplicate JSON key", text: "{\"name\": \"a\",\n \"name\": \"b\"}",
            [
                "s.yaml:2: invalid YAML: duplicate key 'name' (first at line 1)"
            ]),
        Case(
            "duplicate key in a one-line mapping", text: "name: x\nbudget: {total: 1, total: 2}\n",
            [
                "s.yaml:2: invalid YAML: duplicate key 'total'"
            ]),
        Case(
            "invalid YAML syntax", [("arrivals: [5, 6, 7]", "arrivals: [5, 6, 7")],
            [
                "s.yaml:8: invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence at line 7)"
            ]),
        Case(
            "bad indentation", [("    bed_night_cost: 12.5", "     bed_night_cost: 12.5")],
            [
                "s.yaml:16: invalid YAML: mapping values are not allowed in this context"
            ]),
        Case(
            "two documents", text: "name: a\n---\nname: b\n",
            [
                "s.yaml:2: invalid YAML: more than one document in the file (a second '---' starts here)"
            ]),
        Case(
            "unsupported tag", [("beds: 20", "beds: !python/int 20")],
            [
                "s.yaml:15: invalid YAML: unsupported tag '!python/int'"
            ]),
        Case(
            "an alias as a key", text: "a: &a [1, 2]\n*a : 3\n",
            [
                "s.yaml:2: invalid YAML: an alias cannot be a mapping key ('*a'); write the key out"
            ]),
        Case("empty text", text: "", ["s.yaml: the file is empty"]),
        Case(
            "only comments", text: "# nothing\n\n",
            [
                "s.yaml: the file has no YAML or JSON document (only blank lines or comments)"
            ]),
    ]

    @Test(arguments: cases)
    func diagnostics(_ c: Case) {
        #expect(Self.problems(c.text) == c.expected)
    }

    // MARK: - Guard rails

    /// A billion laughs: ten levels of ten aliases, 10^9 nodes once expanded.
    static let aliasBomb: [String] = {
        var lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
        for (previous, name) in zip("abcdefgh", "bcdefghi") {
            lines.append(
                "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]")
        }
        return lines
    }()

    static let aliasBombAsValue = aliasBomb.joined(separator: "\n") + "\nname: *i\n"
    static let aliasBombAsKey = aliasBomb.joined(separator: "\n") + "\n*i : 1\n"
    static let aliasBombAsComplexKey = aliasBomb.joined(separator: "\n") + "\n? [*i]\n: 1\n"

    /// The billion laughs is refused at the node cap, without expanding.
    @Test func aliasBombIsRefused() {
        #expect(
            Self.problems(Self.aliasBombAsValue)
                == ["s.yaml:7: document too large: more than 2000000 nodes once aliases are expanded"])
    }

    /// ... in well under a second.
    @Test(.tags(.timing)) func aliasBombIsRefusedFast() {
        let elapsed = ContinuousClock().measure { _ = Self.problems(Self.aliasBombAsValue) }
        #expect(elapsed < .milliseconds(500))
    }

    /// The same bomb as a mapping key would make Yams hash 10^9 nodes; it is refused before parsing.
    @Test func aliasBombAsKeyIsRefused() {
        #expect(
            Self.problems(Self.aliasBombAsKey)
                == ["s.yaml:10: invalid YAML: an alias cannot be a mapping key ('*i'); write the key out"])
        #expect(
            Self.problems(Self.aliasBombAsComplexKey) == [
                "s.yaml:10: invalid YAML: a complex mapping key ('? ' or a list or mapping as a key) cannot be used "
                    + "in a document with aliases (first alias at line 2)"
            ])
    }

    /// ... in well under a second.
    @Test(.tags(.timing)) func aliasBombAsKeyIsRefusedFast() {
        let elapsed = ContinuousClock().measure {
            _ = Self.problems(Self.aliasBombAsKey)
            _ = Self.problems(Self.aliasBombAsComplexKey)
        }
        #expect(elapsed < .milliseconds(500))
    }

    @Test(arguments: [
        (100, "s.yaml:1: nested too deeply: more than 64 levels of lists and mappings"),
        (999, "s.yaml:1: nested too deeply: more than 64 levels of lists and mappings"),
        (5000, "s.yaml:1: nested too deeply: more than 64 levels of lists and mappings"),
    ])
    func deepNestingIsRefused(depth: Int, expected: String) {
        let text = "name: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "\n"
        #expect(Self.problems(text) == [expected])
    }

    @Test func nestingWithinTheLimitIsRead() throws {
        let text = "x: " + String(repeating: "[", count: 63) + "1" + String(repeating: "]", count: 63)
        let doc = try Document.parse(text: text, file: "d.yaml")
        var node = doc.root["x"]
        var depth = 1
        while let inner = node?.elements?.first { node = inner; depth += 1 }
        #expect(depth == 64 && node?.value == .integer(1))
    }

    @Test func raisedLimits() {
        let limits = ReaderLimits(maxFileBytes: 100, maxCount: 10)
        #expect(
            Self.problems(Self.base, limits: limits) == [
                "s.yaml: file too large: \(Self.base.utf8.count) bytes (the limit is 100 bytes)"
            ])
        #expect(
            Self.problems(Self.base, limits: ReaderLimits(maxCount: 10)) == [
                "s.yaml:15: shelters[0].beds: must be <= 10 (the cap on counts), got 20"
            ])
    }

    @Test func tooManyProblemsAreCounted() {
        let text = Self.edit(
            Self.base,
            [("arrivals: 2", "arrivals: [" + Array(repeating: "-1", count: 30).joined(separator: ", ") + "]")])
        let found = Self.problems(text, limits: ReaderLimits(maxDiagnostics: 5))
        #expect(found.count == 6)
        #expect(found.last == "s.yaml: 26 more problems not listed (limit: 5)")
    }

    // MARK: - Files

    @Test func files() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("iars-loader-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        func write(_ name: String, _ bytes: [UInt8]) -> String {
            let url = dir.appendingPathComponent(name)
            #expect(FileManager.default.createFile(atPath: url.path, contents: Data(bytes)))
            return url.path
        }
        let good = write("good.yaml", Array(Self.base.utf8))
        #expect(ScenarioLoader.validate(path: good).isEmpty)
        #expect(try ScenarioLoader.load(path: good).name == "test")

        let latin1 = write("latin1.yaml", Array("name: a\nstart: caf".utf8) + [0xE9] + Array("\n".utf8))
        #expect(
            ScenarioLoader.validate(path: latin1).map(\.description) == [
                "\(latin1):2: not UTF-8 text (save the file as UTF-8)"
            ])
        let empty = write("empty.yaml", [])
        #expect(ScenarioLoader.validate(path: empty).map(\.description) == ["\(empty): the file is empty"])
        let missing = dir.appendingPathComponent("missing.yaml").path
        #expect(
            ScenarioLoader.validate(path: missing).map(\.description) == [
                "\(missing): cannot read: No such file or directory"
            ])
        #expect(
            ScenarioLoader.validate(path: dir.path).map(\.description) == [
                "\(dir.path): cannot read: it is a directory"
            ])
        let big = write("big.yaml", Array(repeating: UInt8(ascii: "#"), count: 2000))
        #expect(
            ScenarioLoader.validate(path: big, limits: ReaderLimits(maxFileBytes: 1 << 10)).map(\.description) == [
                "\(big): file too large: 2000 bytes (the limit is 1024 bytes)"
            ])
        let control = write("nul.yaml", Array("name: a\nstart: \u{0}\n".utf8))
        #expect(
            ScenarioLoader.validate(path: control).map(\.description) == [
                "\(control):2: invalid YAML: control characters are not allowed"
            ])
    }

    // MARK: - Speed

    /// 15 groups × 8 shelters × 24 months, every series written out.
    static let largeScenario: String = {
        let months = 24
        func series(_ v: Int) -> String { "[" + (0..<months).map { String(v + $0 % 3) }.joined(separator: ", ") + "]" }
        var text = "name: big\nstart: 2024-01\nmonths: \(months)\ngroups:\n"
        for g in 0..<15 {
            text += "  - id: g\(g)\n    country: M\(Character(UnicodeScalar(65 + g)!))\n"
            text += "    arrivals: \(series(10))\n    processing_months: 2\n    priority: 1.5\n"
            text += "    initial:\n      - { shelter: s\(g % 8), count: 3, ready_month: 1 }\n"
        }
        text += "shelters:\n"
        for s in 0..<8 {
            text += "  - id: s\(s)\n    beds: \(series(40))\n    bed_night_cost: 12.5\n"
        }
        text += "medical:\n  - id: m\n    slots: \(series(100))\n    cost_per_screening: 30\n"
        return text
    }()

    @Test func largeScenarioLoads() throws {
        let scenario = try ScenarioLoader.parse(text: Self.largeScenario, file: "big.yaml")
        #expect(scenario.groups.count == 15 && scenario.shelters.count == 8)
        #expect(scenario.shelters[7].accepts.count == 15)
    }

    /// ... in milliseconds.
    @Test(.tags(.timing)) func largeScenarioLoadsQuickly() throws {
        let elapsed = try ContinuousClock().measure {
            _ = try ScenarioLoader.parse(text: Self.largeScenario, file: "big.yaml")
        }
        #expect(elapsed < .milliseconds(500))
    }
}

extension ScenarioLoaderTests {
    /// The YAML 1.2 core schema for plain scalars, and did-you-mean.
    @Suite struct Reading {
        @Test(arguments: [
            ("", DocumentNode.Value.null), ("~", .null), ("null", .null), ("NULL", .null), ("nULL", .string("nULL")),
            ("true", .bool(true)), ("False", .bool(false)), ("yes", .string("yes")), ("NO", .string("NO")),
            ("off", .string("off")), ("12", .integer(12)), ("+12", .integer(12)), ("-0", .integer(0)),
            ("012", .integer(12)), ("0x1F", .string("0x1F")), ("1_000", .string("1_000")),
            ("12.5", .float(12.5)), ("1.", .float(1)), (".5", .float(0.5)), ("-1e3", .float(-1000)),
            ("1E+2", .float(100)), ("1e", .string("1e")), (".", .string(".")), ("-", .string("-")),
            (".inf", .float(.infinity)), ("-.Inf", .float(-.infinity)), ("inf", .string("inf")),
            ("2001-03-06", .string("2001-03-06")), ("99999999999999999999", .float(1e20)),
        ])
        func plain(text: String, expected: DocumentNode.Value) {
            #expect(CoreScalar.resolve(text) == expected)
        }

        @Test func nanIsAFloat() {
            guard case .float(let d) = CoreScalar.resolve(".NaN") else {
                Issue.record("not a float")
                return
            }
            #expect(d.isNaN)
        }

        @Test func quotedScalarsAreStrings() throws {
            let doc = try Document.parse(
                text: "a: '12'\nb: \"true\"\nc: !!str 3\nd: !!float 3\ne: |\n  7\n", file: "q.yaml")
            #expect(doc.root["a"]?.value == .string("12"))
            #expect(doc.root["b"]?.value == .string("true"))
            #expect(doc.root["c"]?.value == .string("3"))
            #expect(doc.root["d"]?.value == .float(3))
            #expect(doc.root["e"]?.value == .string("7\n"))
            #expect(doc.root["e"]?.line == 5)
        }

        @Test(
            arguments: [
                ("bed", ["id", "beds", "bed_night_cost"], "beds"),
                ("Beds", ["id", "beds"], "beds"),
                ("ix", ["id", "beds"], "id"),
                ("xy", ["id", "beds"], nil),
                ("cost", ["count", "shelter"], nil),
                ("arival", ["arrivals"], "arrivals"),
                ("md-wemen", ["md-men", "md-women"], "md-women"),
            ] as [(String, [String], String?)])
        func suggestions(word: String, candidates: [String], expected: String?) {
            #expect(Suggestion.closest(to: word, among: candidates) == expected)
        }
    }
}

/// `options.effort`: the scenario's own effort budget (`--effort` overrides it).
@Suite struct ScenarioEffortTests {
    @Test func effortIsRead() throws {
        let text = ScenarioLoaderTests.base + "\noptions:\n  effort: 250000\n"
        let s = try ScenarioLoader.parse(text: text, file: "s.yaml")
        #expect(s.options.effort == 250_000)
        #expect(try ScenarioLoader.parse(text: ScenarioLoaderTests.base, file: "s.yaml").options.effort == nil)
    }

    @Test func badEffortsAreReportedWithLineAndKey() {
        for (value, message) in [
            ("0", "must be >= 1, got 0"), ("-3", "must be >= 1, got -3"),
            ("1.5", "expected an integer, got the number 1.5"),
            ("lots", "expected an integer, got the string 'lots'"),
        ] {
            let text = ScenarioLoaderTests.base + "\noptions:\n  effort: \(value)\n"
            #expect(ScenarioLoaderTests.problems(text) == ["s.yaml:22: options.effort: \(message)"], "\(value)")
        }
    }

    /// A variant may set it, as any other option.
    @Test func aVariantSetsTheEffort() throws {
        let text =
            ScenarioLoaderTests.base + """

                variants:
                  - name: quick
                    set:
                      options.effort: 1000
                """
        let set = try ScenarioLoader.parseSet(text: text, file: "s.yaml")
        #expect(set.base.options.effort == nil)
        #expect(set.variants.first?.scenario.options.effort == 1_000)
    }
}
