namespace LedelsesInfo.Infrastructure.DemoData;

internal static class Names
{
    public static readonly string[] First =
    [
        "Anne", "Mette", "Hanne", "Susanne", "Lene", "Marianne", "Camilla", "Louise", "Maria", "Pia", "Charlotte", "Tina",
        "Rikke", "Heidi", "Julie", "Sofie", "Ida", "Emma", "Line", "Trine", "Jens", "Peter", "Lars", "Søren", "Michael",
        "Henrik", "Thomas", "Martin", "Jesper", "Anders", "Mads", "Rasmus", "Kasper", "Morten", "Christian", "Jakob",
        "Nanna", "Signe", "Maja", "Karen", "Birgitte", "Helle", "Dorthe", "Kirsten", "Bente", "Ole", "Niels", "Frederik",
    ];

    public static readonly string[] Last =
    [
        "Nielsen", "Jensen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen", "Rasmussen",
        "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen", "Christiansen", "Poulsen", "Johansen",
        "Møller", "Mortensen", "Knudsen", "Jakobsen", "Mikkelsen", "Olesen", "Frederiksen", "Laursen", "Holm", "Schmidt",
        "Vestergaard", "Dahl", "Lund", "Bach", "Kjær", "Østergaard", "Bak", "Friis", "Winther", "Lauridsen",
    ];

    public static readonly string[] Departments = ["Nord", "Syd", "Vest", "Øst", "Midt", "Havn"];

    public static readonly string[] Areas =
        ["Familieafdelingen", "Ungeafdelingen", "Handicapafdelingen", "Modtagelse og Rådgivning"];

    public static readonly string[] Providers =
    [
        "Familiehuset Solsikken", "Opholdsstedet Egely", "Døgninstitutionen Kastanjegården", "Plejefamilie (kommunal)",
        "Netværksplejefamilie", "Ungehuset Vibe", "Sikret institution Kompasset", "Familiebehandling Ankeret",
        "Kontaktperson Team Broen", "Aflastning Lærkereden",
    ];
}
